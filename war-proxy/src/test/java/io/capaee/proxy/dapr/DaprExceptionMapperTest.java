// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DaprExceptionMapperTest {
    @Test
    void carriesDaprFieldsInsideAProblem() {
        String json = DaprExceptionMapper.json(400, "Bad Request", "ERR_STATE_STORE_NOT_FOUND", "state store nope is not found");
        JsonObject body = Json.createReader(new StringReader(json)).readObject();
        assertEquals("Bad Request", body.getString("title"));
        assertEquals("ERR_STATE_STORE_NOT_FOUND", body.getString("errorCode"));
        assertEquals("state store nope is not found", body.getString("message"));
        assertEquals("state store nope is not found", body.getString("detail"));
        assertEquals(400, body.getInt("status"));
        assertEquals("urn:capa-ee:problem:dapr:ERR_STATE_STORE_NOT_FOUND", body.getString("type"));
    }

    @Test
    void theDaprJavaSdkGetsDaprsOwnBodyWithNoOtherField() {
        JsonObject body = Json.createReader(new StringReader(DaprExceptionMapper.daprJson("ERR_STATE_SAVE", "etag mismatch"))).readObject();
        assertEquals(2, body.size());
        assertEquals("ERR_STATE_SAVE", body.getString("errorCode"));
        assertEquals("etag mismatch", body.getString("message"));
    }
}
