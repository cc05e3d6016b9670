package dev.lightreasoner.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lightreasoner.service.RequestRejected;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every error the API answers is an RFC 9457 problem with the field at fault named and nothing of the server's
 * insides (SQL, stack text, paths) in it: the exception mappers, built by the server's own JAX-RS implementation.
 */
class ErrorMappingTest {

    private static ErrorBody problem(Response r, int status) {
        assertEquals(status, r.getStatus());
        assertEquals(ErrorBody.MEDIA_TYPE, r.getMediaType().toString());
        ErrorBody body = (ErrorBody) r.getEntity();
        assertEquals(status, body.status());
        assertEquals("about:blank", body.type());
        assertEquals(body.detail(), body.error(), "the detail again, for clients of the earlier body");
        return body;
    }

    @Test
    void aRefusedRequestNamesItsParameter() {
        ErrorBody body = problem(new RequestRejectedMapper().toResponse(
                new RequestRejected(RequestRejected.BAD_REQUEST, "beta", "must be >= 0: -1")), 400);
        assertEquals("Bad Request", body.title());
        assertEquals("beta", body.parameter());
        assertEquals("must be >= 0: -1", body.detail());
        assertEquals("Not Found", problem(new RequestRejectedMapper().toResponse(
                new RequestRejected(RequestRejected.NOT_FOUND, "id", "no run 9")), 404).title());
    }

    @Test
    void anUnexpectedErrorShowsAnIncidentIdAndNothingOfTheServer() {
        Exception leak = new IllegalStateException("could not execute statement [insert into SAMPLE_RECORD values (?)]"
                + " at /home/op/.lightreasoner/server/lightreasoner-db.mv.db");
        ErrorBody body = problem(new UnexpectedErrorMapper().toResponse(leak), 500);
        assertTrue(body.detail().matches("internal error \\(incident [0-9a-f]{8} in the server log\\)"), body.detail());
        assertFalse(body.detail().contains("insert") || body.detail().contains("/home"), body.detail());
        assertNull(body.parameter());
    }

    @Test
    void aQueryParameterThatDoesNotConvertIsTheClientsErrorNamingIt() {
        ErrorBody body = problem(new WebErrorMapper().toResponse(new NotFoundException(
                "RESTEASY003870: Unable to extract parameter from http request: jakarta.ws.rs.QueryParam(\"offset\") value is 'abc'")), 400);
        assertEquals("offset", body.parameter());
    }

    @Test
    void theContainersOwnErrorsBecomeProblemsAndAWrongMethodKeepsItsAllowHeader() {
        assertEquals("no such resource", problem(new WebErrorMapper().toResponse(new NotFoundException()), 404).detail());
        assertEquals("your role may not do this", problem(new WebErrorMapper().toResponse(new ForbiddenException()), 403).detail());
        assertEquals("send the body as application/json",
                problem(new WebErrorMapper().toResponse(new NotSupportedException()), 415).detail());
        Response notAllowed = new WebErrorMapper().toResponse(new NotAllowedException("GET", new String[] {"HEAD"}));
        assertTrue(problem(notAllowed, 405).detail().startsWith("method not allowed here (allowed: "));
        assertEquals(Set.of("GET", "HEAD"), notAllowed.getAllowedMethods());
    }

    @Test
    void aBodyThatIsNotJsonIsA400NamingTheBody() {
        ErrorBody body = problem(new UnreadableBodyMapper().toResponse(
                new ProcessingException("RESTEASY008200", new IllegalArgumentException("Unexpected character ('x')"))), 400);
        assertEquals("body", body.parameter());
        assertTrue(body.detail().endsWith("Unexpected character ('x')"), body.detail());
    }

    @Test
    void anOffsetOutOfRangeIsRefusedNamingItAndALimitIsClamped() {
        RequestRejected huge = assertThrows(RequestRejected.class, () -> Paging.offset(Integer.MAX_VALUE));
        assertEquals("offset", huge.parameter());
        assertEquals(RequestRejected.BAD_REQUEST, huge.status());
        assertThrows(RequestRejected.class, () -> Paging.offset(-1));
        assertEquals(Paging.MAX_OFFSET, Paging.offset(Paging.MAX_OFFSET));
        assertEquals(1, Paging.limit(0, 100));
        assertEquals(100, Paging.limit(5000, 100));
    }
}
