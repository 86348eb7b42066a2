package org.il7cds.api.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** A batch beyond the waiting limit is refused 503 server-busy with Retry-After, before its body is read. */
class BatchAdmissionFilterTest {

    private final AtomicInteger passed = new AtomicInteger();

    @Test
    void aBatchBeyondTheLimitIsRefusedWithoutReadingItsBody() throws Exception {
        BatchAdmission full = new BatchAdmission(1, 0);
        full.admit();
        BatchAdmissionFilter filter = new BatchAdmissionFilter(JsonMapper.builder().build(), full);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", BatchAdmissionFilter.PATH);
        request.setContent("{\"candidates\":[]}".getBytes());
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> passed.incrementAndGet());

        assertThat(passed).hasValue(0);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"type\":\"https://il7cds.example/problems/server-busy\"")
                .contains("\"status\":503").contains("waiting");
        assertThat(request.getInputStream().read()).as("body left unread").isEqualTo('{');
    }

    @Test
    void anAdmittedBatchPassesAndFreesItsTurn() throws Exception {
        BatchAdmission one = new BatchAdmission(1, 0);
        BatchAdmissionFilter filter = new BatchAdmissionFilter(JsonMapper.builder().build(), one);
        for (int i = 0; i < 3; i++) {
            filter.doFilter(new MockHttpServletRequest("POST", BatchAdmissionFilter.PATH),
                    new MockHttpServletResponse(), (req, res) -> passed.incrementAndGet());
        }
        assertThat(passed).hasValue(3);
    }

    @Test
    void aTurnReleasedEarlyAdmitsTheNextBatchAndIsReleasedOnce() throws Exception {
        BatchAdmission one = new BatchAdmission(1, 0);
        BatchAdmissionFilter filter = new BatchAdmissionFilter(JsonMapper.builder().build(), one);
        MockHttpServletResponse inner = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("POST", BatchAdmissionFilter.PATH), new MockHttpServletResponse(),
                (req, res) -> {
                    ((Runnable) req.getAttribute(BatchAdmissionFilter.RELEASE_TURN)).run();
                    // Only the commit wait is left: the next batch runs meanwhile.
                    try {
                        filter.doFilter(new MockHttpServletRequest("POST", BatchAdmissionFilter.PATH), inner,
                                (r2, s2) -> passed.incrementAndGet());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    passed.incrementAndGet();
                });

        assertThat(inner.getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(2);
        one.admit();
        assertThatThrownBy(one::admit).as("the early release and the end of the request freed one turn, not two")
                .isInstanceOf(ServerBusyException.class);
    }

    @Test
    void otherRequestsAreNotCounted() throws Exception {
        BatchAdmission full = new BatchAdmission(1, 0);
        full.admit();
        BatchAdmissionFilter filter = new BatchAdmissionFilter(JsonMapper.builder().build(), full);
        filter.doFilter(new MockHttpServletRequest("POST", "/v1/eligibility/assessments"),
                new MockHttpServletResponse(), (req, res) -> passed.incrementAndGet());
        assertThat(passed).hasValue(1);
    }
}
