package ru.ksamu.hub.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import ru.ksamu.release.Sha256;

/** Which requests the fast path takes, and how it hands the body to Tomcat. */
class FileDownloadFilterTest {

    @TempDir
    Path tmp;

    private final BlobStore blobs = mock(BlobStore.class);
    private final FilterChain chain = mock(FilterChain.class);
    private final FileDownloadFilter filter = new FileDownloadFilter(blobs, new SimpleMeterRegistry());
    private final byte[] content = "release file".getBytes();
    private final String sha = Sha256.of(content);
    private Path file;

    @BeforeEach
    void storeFile() throws Exception {
        file = Files.write(tmp.resolve("blob"), content);
        when(blobs.recordedFile(sha)).thenReturn(Optional.of(file));
    }

    @Test
    void withSendfileOnlyTheHeadersAreWrittenAndTomcatIsToldWhatToSend() throws Exception {
        MockHttpServletRequest request = get("/api/v1/files/" + sha);
        request.setAttribute(FileDownloadFilter.SENDFILE_SUPPORTED, Boolean.TRUE);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        verify(chain, never()).doFilter(request, response);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("ETag")).isEqualTo("\"" + sha + "\"");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
        assertThat(response.getContentType()).isEqualTo("application/octet-stream");
        assertThat(response.getContentLengthLong()).isEqualTo(content.length);
        assertThat(response.getContentAsByteArray()).isEmpty();
        assertThat(request.getAttribute(FileDownloadFilter.SENDFILE_FILENAME)).isEqualTo(file.toString());
        assertThat(request.getAttribute(FileDownloadFilter.SENDFILE_START)).isEqualTo(0L);
        assertThat(request.getAttribute(FileDownloadFilter.SENDFILE_END)).isEqualTo((long) content.length);
    }

    @Test
    void withoutSendfileTheBytesAreCopied() throws Exception {
        MockHttpServletRequest request = get("/api/v1/files/" + sha);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        assertThat(response.getContentAsByteArray()).isEqualTo(content);
        assertThat(request.getAttribute(FileDownloadFilter.SENDFILE_FILENAME)).isNull();
    }

    @Test
    void everythingButAPlainReadOfAServableFileGoesOnToSpringMvc() throws Exception {
        String unknown = Sha256.of("other".getBytes());
        when(blobs.recordedFile(unknown)).thenReturn(Optional.empty());
        for (MockHttpServletRequest request : new MockHttpServletRequest[] {
                get("/api/v1/files/" + unknown),
                get("/api/v1/files/" + sha.toUpperCase(java.util.Locale.ROOT)),
                get("/api/v1/files/" + sha + "/"),
                get("/api/v1/files/" + sha.substring(1)),
                withHeader(get("/api/v1/files/" + sha), "Range", "bytes=0-1"),
                withHeader(get("/api/v1/files/" + sha), "If-Range", "\"" + sha + "\""),
                withHeader(get("/api/v1/files/" + sha), "If-None-Match", "\"" + sha + "\""),
                withHeader(get("/api/v1/files/" + sha), "If-Modified-Since", "Wed, 21 Oct 2015 07:28:00 GMT"),
                secure(get("/api/v1/files/" + sha)),
                new MockHttpServletRequest("POST", "/api/v1/files/" + sha),
                new MockHttpServletRequest("DELETE", "/api/v1/files/" + sha)}) {
            MockHttpServletResponse response = new MockHttpServletResponse();

            filter.doFilter(request, response, chain);

            verify(chain).doFilter(request, response);
            assertThat(response.getHeader("ETag")).as(request.getMethod() + " " + request.getRequestURI()).isNull();
        }
    }

    private static MockHttpServletRequest get(String uri) {
        return new MockHttpServletRequest("GET", uri);
    }

    private static MockHttpServletRequest withHeader(MockHttpServletRequest request, String name, String value) {
        request.addHeader(name, value);
        return request;
    }

    private static MockHttpServletRequest secure(MockHttpServletRequest request) {
        request.setSecure(true);
        return request;
    }
}
