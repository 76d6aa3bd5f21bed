package ru.ksamu.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;
import ru.ksamu.platform.problems.ApiPaths;
import ru.ksamu.platform.problems.ProblemCode;

/**
 * A committed OpenAPI description ({@code docs/api/*-openapi.yaml}) as the tests read it: its
 * operations ("GET /api/v1/tasks"), and its problem catalogue ({@code ProblemCode}'s {@code enum}
 * and {@code x-codes}, and the {@code x-codes} each response lists), to hold against the program.
 */
public final class OpenApiDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private final String text;
    private final Map<String, Object> root;

    private OpenApiDocument(String text) {
        this.text = text;
        this.root = new Yaml().load(text);
    }

    /** The document committed under {@code docs/api} of the repository (tests run in a module's folder). */
    public static OpenApiDocument committed(String fileName) {
        Path file = Path.of("..", "docs", "api", fileName);
        try {
            return new OpenApiDocument(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }

    /** The file's text, to compare with what the program serves. */
    public String text() {
        return text;
    }

    /**
     * Asserts that the API a program serves (its handler mappings under {@code /api/}, each naming
     * its methods) is exactly the documented one: every endpoint documented, every documented one served.
     */
    public void assertDocumentsExactly(RequestMappingHandlerMapping mappings) {
        Set<String> served = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (path.startsWith(ApiPaths.PREFIX)) {
                    assertThat(info.getMethodsCondition().getMethods()).as(path + " names its methods").isNotEmpty();
                    info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + path));
                }
            }
        }
        assertThat(operations()).isEqualTo(served);
    }

    /** Asserts that {@code url} answers this document's very text, as YAML, without a password. */
    public void assertServedAt(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(text);
        assertThat(r.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)).contains("yaml");
    }

    /** Every documented operation as "METHOD /path/{variable}". */
    public Set<String> operations() {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, Object> path : map(root.get("paths")).entrySet()) {
            for (String key : map(path.getValue()).keySet()) {
                if (METHODS.contains(key)) {
                    out.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return out;
    }

    /**
     * How the document's problem codes differ from the catalogue: a code listed but not in the
     * catalogue, a catalogue code not listed (in the enum, in {@code x-codes}, or on no response),
     * or a status or title that differs. Empty when they agree.
     */
    public List<String> problemDifferences(List<? extends ProblemCode> catalogue) {
        List<String> out = new ArrayList<>();
        Map<String, Object> schema = map(map(map(root.get("components")).get("schemas")).get("ProblemCode"));
        Set<String> names = new TreeSet<>();
        catalogue.forEach(c -> names.add(c.name()));
        Set<String> listed = new TreeSet<>(strings(schema.get("enum")));
        if (!listed.equals(names)) {
            out.add("ProblemCode.enum " + listed + " differs from the catalogue " + names);
        }
        Map<String, Object> described = map(schema.get("x-codes"));
        for (ProblemCode c : catalogue) {
            Map<String, Object> d = map(described.get(c.name()));
            if (d.isEmpty()) {
                out.add(c.name() + " is not in ProblemCode.x-codes");
            } else if (!Integer.valueOf(c.status()).equals(d.get("status")) || !c.titleRu().equals(d.get("ru"))
                    || !c.titleEn().equals(d.get("en"))) {
                out.add(c.name() + " is documented as " + d + ", the catalogue says " + c.status() + " "
                        + c.titleRu() + " / " + c.titleEn());
            }
        }
        described.keySet().stream().filter(n -> !names.contains(n)).forEach(n -> out.add(n + " is documented but not in the catalogue"));
        Set<String> onResponses = new TreeSet<>();
        collectResponseCodes(root, onResponses);
        onResponses.stream().filter(n -> !names.contains(n)).forEach(n -> out.add(n + " is on a response but not in the catalogue"));
        names.stream().filter(n -> !onResponses.contains(n)).forEach(n -> out.add(n + " is on no response"));
        return out;
    }

    /** Every {@code x-codes} list anywhere in the document (the catalogue's own map aside). */
    private static void collectResponseCodes(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ("x-codes".equals(e.getKey()) && e.getValue() instanceof List<?> codes) {
                    codes.forEach(c -> out.add(String.valueOf(c)));
                } else {
                    collectResponseCodes(e.getValue(), out);
                }
            }
        } else if (node instanceof List<?> l) {
            l.forEach(item -> collectResponseCodes(item, out));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<String> strings(Object node) {
        return node instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
