package ru.ksamu.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** There is no Windows machine here: the definition is checked by its content, read back as XML. */
class WinswServiceTest {

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document d, String tag) {
        return d.getElementsByTagName(tag).item(0).getTextContent();
    }

    @Test
    void theServerRunsTheLauncherJarWithTheJavaOfTheInstallation() throws Exception {
        ServiceSpec spec = new ServiceSpec("server", Path.of("/C/KSAMU & Co"), Path.of("/C/KSAMU & Co/config"), Path.of("/C/KSAMU & Co/data"),
                Optional.empty(), Optional.empty());
        Document d = parse(WinswService.text(spec, Path.of("/C/Java/jdk-17")));
        assertThat(WinswService.fileName(spec)).isEqualTo("ksamu-server.xml");
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("service");
        assertThat(text(d, "id")).isEqualTo("ksamu-server");
        assertThat(text(d, "name")).isEqualTo("Сервер КСАМУ (KSAMU server)");
        assertThat(text(d, "executable")).isEqualTo(Path.of("/C/Java/jdk-17", "bin", "java.exe").toString());
        assertThat(text(d, "arguments")).startsWith("-Dfile.encoding=UTF-8 ")
                .endsWith("-jar \"" + Path.of("/C/KSAMU & Co", "lib", "ksamu.jar") + "\" server");
        assertThat(text(d, "workingdirectory")).isEqualTo("/C/KSAMU & Co/data");
        assertThat(text(d, "startmode")).isEqualTo("Automatic");
        NodeList env = d.getElementsByTagName("env");
        assertThat(env.getLength()).isEqualTo(2);
        assertThat(((Element) env.item(0)).getAttribute("name")).isEqualTo("KSAMU_CONFIG_DIR");
        assertThat(((Element) env.item(1)).getAttribute("value")).isEqualTo("/C/KSAMU & Co/data");
        assertThat(((Element) d.getElementsByTagName("onfailure").item(0)).getAttribute("action")).isEqualTo("restart");
    }

    @Test
    void aJavaHomeGivenToTheInstallerWinsOverTheRunningJava() throws Exception {
        ServiceSpec spec = new ServiceSpec("hub", Path.of("/K"), Path.of("/K/config"), Path.of("/K/data"), Optional.empty(),
                Optional.of(Path.of("/J21")));
        Document d = parse(WinswService.text(spec, Path.of("/J17")));
        assertThat(text(d, "id")).isEqualTo("ksamu-hub");
        assertThat(text(d, "executable")).isEqualTo(Path.of("/J21", "bin", "java.exe").toString());
        assertThat(text(d, "arguments")).endsWith(" hub");
    }
}
