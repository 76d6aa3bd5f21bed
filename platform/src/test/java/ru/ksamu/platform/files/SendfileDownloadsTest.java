package ru.ksamu.platform.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The generic parts: the prefix, the context path, the fixed headers, the listener. */
class SendfileDownloadsTest {

    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path tmp;

    private final List<Long> sent = new ArrayList<>();
    private final List<String> passedOn = new ArrayList<>();
    private final FilterChain chain = (req, res) -> passedOn.add(((MockHttpServletRequest) req).getRequestURI());

    private SendfileDownloads filter(Path file) {
        return new SendfileDownloads("/api/v1/client/files/", sha -> sha.equals(SHA) ? Optional.of(file) : Optional.empty(),
                SendfileDownloads.orderedOf("Cache-Control", "max-age=60", "X-Test", "yes"), sent::add);
    }

    @Test
    void answersUnderItsPrefixWithTheFixedHeadersAndTellsTheListener() throws Exception {
        Path file = Files.write(tmp.resolve("f"), new byte[] {1, 2, 3});
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ctx/api/v1/client/files/" + SHA);
        request.setContextPath("/ctx");
        request.setAttribute(SendfileDownloads.SENDFILE_SUPPORTED, Boolean.TRUE);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter(file).doFilter(request, response, chain);

        assertThat(passedOn).isEmpty();
        assertThat(response.getHeader("ETag")).isEqualTo("\"" + SHA + "\"");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("max-age=60");
        assertThat(response.getHeader("X-Test")).isEqualTo("yes");
        assertThat(response.getHeader("Accept-Ranges")).isEqualTo("bytes");
        assertThat(response.getContentLengthLong()).isEqualTo(3);
        assertThat(request.getAttribute(SendfileDownloads.SENDFILE_FILENAME)).isEqualTo(file.toString());
        assertThat(sent).containsExactly(3L);
    }

    @Test
    void headIsCountedWithoutBytesAndOtherPathsArePassedOn() throws Exception {
        Path file = Files.write(tmp.resolve("f"), new byte[] {1, 2, 3});
        SendfileDownloads filter = filter(file);
        MockHttpServletResponse head = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("HEAD", "/api/v1/client/files/" + SHA), head, chain);
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/files/" + SHA), new MockHttpServletResponse(), chain);
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/client/files/" + "cd".repeat(32)),
                new MockHttpServletResponse(), chain);

        assertThat(head.getContentAsByteArray()).isEmpty();
        assertThat(head.getContentLengthLong()).isEqualTo(3);
        assertThat(sent).containsExactly(0L);
        assertThat(passedOn).containsExactly("/api/v1/files/" + SHA, "/api/v1/client/files/" + "cd".repeat(32));
    }

    @Test
    void aResolvedFileMissingOnDiskIsPassedOnToTheChain() throws Exception {
        Path missing = tmp.resolve("gone");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/client/files/" + SHA);
        request.setAttribute(SendfileDownloads.SENDFILE_SUPPORTED, Boolean.TRUE);

        filter(missing).doFilter(request, new MockHttpServletResponse(), chain);
        filter(tmp).doFilter(new MockHttpServletRequest("GET", "/api/v1/client/files/" + SHA),
                new MockHttpServletResponse(), chain);

        assertThat(passedOn).containsExactly("/api/v1/client/files/" + SHA, "/api/v1/client/files/" + SHA);
        assertThat(request.getAttribute(SendfileDownloads.SENDFILE_FILENAME)).isNull();
        assertThat(sent).isEmpty();
    }

    @Test
    void aPrefixMustBeAFolder() {
        assertThatThrownBy(() -> new SendfileDownloads("/api/v1/files", sha -> Optional.empty(), Map.of(), b -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
