import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The plain Java HTTP copies of bench/mirror/run.sh: one long-running JVM (so it is as warm as the
 * mirror) that reads "<url> <file>" lines on stdin, copies each URL's body into the file twice (no
 * hash, no fsync), with the JDK's HttpClient (HTTP/1.1) and with its HttpURLConnection (the mirror's
 * client since issue 21's follow-up), each the plain way ({@code transferTo} a file stream), and
 * prints "<HttpClient ms> <HttpURLConnection ms>".
 */
public class JavaGet {
    public static void main(String[] args) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = lines.readLine()) != null) {
            String[] parts = line.split(" ");
            long start = System.nanoTime();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(parts[0])).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(Path.of(parts[1]))) {
                in.transferTo(out);
            }
            long client = response.statusCode() == 200 ? (System.nanoTime() - start) / 1_000_000 : -1;
            Files.delete(Path.of(parts[1]));
            start = System.nanoTime();
            HttpURLConnection c = (HttpURLConnection) URI.create(parts[0]).toURL().openConnection();
            try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(Path.of(parts[1]))) {
                in.transferTo(out);
            }
            long connection = c.getResponseCode() == 200 ? (System.nanoTime() - start) / 1_000_000 : -1;
            System.out.println(client + " " + connection);
        }
    }
}
