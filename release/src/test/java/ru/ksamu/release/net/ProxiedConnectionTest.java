package ru.ksamu.release.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ProxiedConnectionTest {

    @Test
    void aDirectConnectionNamesNoProxyAndIsNeverALoginRefusal() throws Exception {
        ProxiedConnection c = ProxiedConnection.open(ProxySetting.DIRECT, URI.create("http://hub.example:8090/x").toURL());
        assertThat(c.via()).isNull();
        assertThat(c.connection().usingProxy()).isFalse();
        assertThat(ProxiedConnection.loginRefused(c.via(), 407, null)).isFalse();
    }

    @Test
    void aConnectionThroughTheProxyNamesItWithoutThePassword() throws Exception {
        ProxySetting proxy = ProxySetting.parse("test.proxy", "http://nurse:s3cret@127.0.0.1:3128");
        ProxiedConnection c = ProxiedConnection.open(proxy, URI.create("http://hub.example:8090/x").toURL());
        assertThat(c.via()).isEqualTo("http://127.0.0.1:3128");
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void a407OrAnHtml401ThroughAProxyIsTheProxyRefusingTheLogin() {
        String via = "http://127.0.0.1:3128";
        assertThat(ProxiedConnection.loginRefused(via, 407, null)).isTrue();
        assertThat(ProxiedConnection.loginRefused(via, 401, "text/html; charset=utf-8")).isTrue();
        assertThat(ProxiedConnection.loginRefused(via, 401, "application/json")).as("the hub's own 401").isFalse();
        assertThat(ProxiedConnection.loginRefused(via, 200, "text/html")).isFalse();
        assertThat(ProxiedConnection.isHtml("application/xhtml+xml")).isTrue();
        assertThat(ProxiedConnection.isHtml(null)).isFalse();
    }
}
