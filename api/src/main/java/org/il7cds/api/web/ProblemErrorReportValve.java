package org.il7cds.api.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Errors that Tomcat answers itself, before the request reaches the application (a request line with invalid
 * characters, an encoded slash in the path, headers too large, an unknown transfer coding): a problem+json like every
 * other error, instead of Tomcat's HTML page, typed by what happened ({@code malformed-request},
 * {@code header-too-large}, {@code not-implemented}), not as an invalid field. Errors inside the application never
 * get here (ProblemErrorController answers them).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    /** Tomcat's own message for a request line and headers above its limit, in the JVM's locale, as it writes it. */
    private static final String HEADER_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
            .getString("iib.requestheadertoolarge.error");

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        Problems.Kind kind = Problems.Kind.forProtocolStatus(status);
        if (status == 400 && isHeaderTooLarge(throwable)) {
            // Tomcat answers 400 for a request line and headers above server.max-http-request-header-size; the
            // accurate status is 431 (RFC 6585).
            kind = Problems.Kind.HEADER_TOO_LARGE;
            status = kind.status().value();
            response.setStatus(status);
        }
        // Constant text and numbers only: nothing from the request is echoed.
        String body = "{\"type\":\"" + kind.type() + "\",\"title\":\"" + kind.title() + "\",\"status\":" + status
                + ",\"detail\":\"" + Problems.protocolDetail(kind) + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone: nothing more to say
        }
    }

    private static boolean isHeaderTooLarge(Throwable throwable) {
        return throwable instanceof IllegalArgumentException && HEADER_TOO_LARGE.equals(throwable.getMessage());
    }

    /** Installs the valve on the embedded Tomcat's host in place of the default ErrorReportValve. */
    @Configuration(proxyBeanMethods = false)
    static class Installer {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }
}
