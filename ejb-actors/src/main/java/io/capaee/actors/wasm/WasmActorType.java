// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.wasm;

import io.capaee.api.json.JsonText;
import io.capaee.actors.runtime.ActorInstance;
import io.capaee.actors.runtime.ActorSite;
import io.capaee.actors.runtime.HostedType;
import io.capaee.actors.store.TurnState;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ReminderFire;
import io.capaee.api.wasm.CliResult;
import io.capaee.api.wasm.WasmFunction;
import io.capaee.api.wasm.WasmFunctionException;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A wasm module as an actor type. A call of method {@code m} with body {@code ["a","b"]} is the
 * guest's {@code callHandle} with arguments {@code m a b} (a JSON string body is one argument, any
 * other JSON its text); the result is returned as text. Reminders arrive as {@code remind NAME DATA},
 * Dapr-API timers as {@code CALLBACK NAME DATA}. Each turn runs on a fresh instance of the module
 * (no memory survives between calls): what an actor keeps is its state.
 */
public final class WasmActorType implements HostedType {
    private final String name;
    private final WasmFunction function;
    private final ActorStateKeyValue state;

    public WasmActorType(String name, WasmFunction function, ActorStateKeyValue state) {
        this.name = name;
        this.function = function;
        this.state = state;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "wasm";
    }

    @Override
    public Optional<Duration> idleTimeout() {
        return Optional.empty();
    }

    @Override
    public void checkTimerCallback(String callback) {
        if (callback == null || callback.isBlank()) {
            throw new ActorException(ActorException.Reason.BAD_SCHEDULE, "a timer of wasm actor type '" + name + "' needs a callback method");
        }
    }

    @Override
    public ActorInstance create(ActorSite site) {
        ActorId id = site.id();
        TurnState turn = site.state(null);
        return new ActorInstance() {
            @Override
            public void beginTurn() {
                turn.begin();
            }

            @Override
            public void endTurn(boolean success) {
                turn.end(success);
            }

            @Override
            public ActorResponse invoke(String method, ActorRequest request) {
                List<String> args = new ArrayList<>();
                args.add(method);
                args.addAll(arguments(request.body()));
                String result = call(id, turn, args);
                return new ActorResponse(result.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
            }

            @Override
            public boolean reminder(ReminderFire fire) {
                call(id, turn, List.of("remind", fire.name(), fire.data() == null ? "" : fire.data()));
                return false;
            }

            @Override
            public boolean timer(String callback, ReminderFire fire) {
                call(id, turn, List.of(callback, fire.name(), fire.data() == null ? "" : fire.data()));
                return false;
            }
        };
    }

    private String call(ActorId id, TurnState turn, List<String> args) {
        CliResult result;
        try {
            result = state.with(turn, () -> function.callCli(args));
        } catch (WasmFunctionException e) {
            throw new ActorException(ActorException.Reason.METHOD_FAILED, "wasm actor " + id + " failed in '" + args.get(0) + "': " + e.getMessage(), e);
        }
        if (result.error().isPresent()) {
            throw new ActorException(ActorException.Reason.METHOD_FAILED, "wasm actor " + id + " answered an error to '" + args.get(0) + "': "
                    + result.display());
        }
        return result.raw();
    }

    static List<String> arguments(byte[] body) {
        if (body.length == 0) {
            return List.of();
        }
        JsonValue json;
        try {
            json = JsonText.parse(body);
        } catch (jakarta.json.JsonException e) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST, "a wasm actor's arguments are JSON (an array of strings, or one value): " + e.getMessage());
        }
        List<String> args = new ArrayList<>();
        if (json instanceof JsonArray array) {
            array.forEach(v -> args.add(v instanceof JsonString s ? s.getString() : v.toString()));
        } else {
            args.add(json instanceof JsonString s ? s.getString() : json.toString());
        }
        return args;
    }
}
