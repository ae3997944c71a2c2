package dev.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the report page embeds: JSON no HTML tokenizer acts on, and a policy that runs only the page's own code. */
class ReportEscapingTest {

    static final List<String> HOSTILE = List.of("<!--<script>", "</script><script>alert(1)</script>", "a & b > c",
            "line\u2028separator\u2029", "<![CDATA[", "]]>", "\"quoted\"");

    @Test
    void embeddedJsonHasNoMarkupAndReadsBackTheSame() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String s : HOSTILE) {
            String raw = json.writeValueAsString(Map.of("name", s));
            String safe = ReportWriter.scriptJson(raw);
            assertThat(safe).as(s).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028")
                    .doesNotContain("\u2029");
            assertThat(json.readTree(safe).get("name").asText()).isEqualTo(s);
        }
    }

    @Test
    void thePolicyAllowsThePagesOwnScriptAndStyleByHashAndNothingInline() throws Exception {
        String policy = ReportWriter.contentSecurityPolicy();
        assertThat(policy).doesNotContain("script-src 'unsafe-inline'").doesNotContain("style-src 'unsafe-inline'")
                .containsPattern("script-src 'sha256-[A-Za-z0-9+/=]{44}'").containsPattern("style-src 'sha256-[A-Za-z0-9+/=]{44}'")
                .contains("default-src 'none'").contains("frame-ancestors 'none'");
        String page = "<html><head><style>b{}</style></head><body><script type=\"application/json\">{}</script>"
                + "<script src=\"x.js\"></script><script>run()</script></body></html>";
        // the data block and an external script are not inline code; the inline script and style are
        assertThat(ReportWriter.policy(page)).contains("script-src 'sha256-" + sha("run()") + "'")
                .contains("style-src 'sha256-" + sha("b{}") + "'");
    }

    static String sha(String s) throws Exception {
        return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
