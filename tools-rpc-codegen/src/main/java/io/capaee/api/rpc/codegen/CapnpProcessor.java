// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codegen;

import io.capaee.api.rpc.schema.SchemaException;
import io.capaee.api.rpc.schema.SchemaParser;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The annotation processor of {@link CapnpSchema}: the same records, enums and interfaces as
 * {@link JavaGenerator}, written through the compiler, so that a schema error fails the build with
 * the schema's file, line and column on the annotated element. Not registered as a service (every
 * compilation with this jar on its class path would run it): name it, e.g. in maven-compiler-plugin
 * {@code <annotationProcessors><annotationProcessor>io.capaee.api.rpc.codegen.CapnpProcessor}.
 */
@SupportedAnnotationTypes("io.capaee.api.rpc.codegen.CapnpSchema")
public final class CapnpProcessor extends AbstractProcessor {

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element element : round.getElementsAnnotatedWith(CapnpSchema.class)) {
            CapnpSchema request = element.getAnnotation(CapnpSchema.class);
            String pkg = request.javaPackage().isEmpty()
                    ? processingEnv.getElementUtils().getPackageOf(element).getQualifiedName().toString()
                    : request.javaPackage();
            try {
                JavaGenerator generator = new JavaGenerator(pkg);
                for (String file : request.value()) {
                    SchemaParser.Source source = read(file)
                            .orElseThrow(() -> new SchemaException(file, 1, 1, "not found in the resources or sources"));
                    generator.add(SchemaParser.parse(source, this::resolve));
                }
                for (Map.Entry<String, String> f : generator.sources().entrySet()) {
                    String type = pkg + "." + f.getKey().substring(0, f.getKey().length() - ".java".length());
                    try (Writer w = processingEnv.getFiler().createSourceFile(type, element).openWriter()) {
                        w.write(f.getValue());
                    }
                }
            } catch (SchemaException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.getMessage(), element);
            } catch (IOException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                        "cannot write the Java of " + String.join(", ", request.value()) + ": " + e, element);
            }
        }
        return true;
    }

    /** Imports: {@code /x} from the resources root, anything else beside the importing file. */
    private Optional<SchemaParser.Source> resolve(String from, String path) {
        if (path.startsWith("/")) {
            return read(path.substring(1));
        }
        int slash = from.lastIndexOf('/');
        return read(slash < 0 ? path : from.substring(0, slash + 1) + path);
    }

    private Optional<SchemaParser.Source> read(String name) {
        for (StandardLocation location : new StandardLocation[] {StandardLocation.CLASS_OUTPUT,
                StandardLocation.SOURCE_PATH, StandardLocation.CLASS_PATH}) {
            try {
                FileObject f = processingEnv.getFiler().getResource(location, "", name);
                return Optional.of(new SchemaParser.Source(name, f.getCharContent(true).toString()));
            } catch (IOException | IllegalArgumentException e) {
                // not in this location (or the compiler has no such location): the next one
            }
        }
        return Optional.empty();
    }
}
