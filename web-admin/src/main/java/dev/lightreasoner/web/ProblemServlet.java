package dev.lightreasoner.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page of the web application (web.xml): errors the container answers itself — the 401 of HTTP
 * Basic authentication, a 404 outside the API — as problem+json instead of the server's HTML page. Headers set
 * before (WWW-Authenticate) stay.
 */
@WebServlet("/problem")
public class ProblemServlet extends HttpServlet {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer c ? c : 404;
        String detail = switch (status) {
            case 401 -> "sign in: this API needs HTTP Basic credentials of a user with a LightReasoner role";
            case 403 -> "your role may not do this";
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            default -> status >= 500 ? "internal error (see the server log)" : ErrorBody.title(status);
        };
        response.setStatus(status);
        response.setContentType(ErrorBody.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), new ErrorBody(status, detail, null));
    }
}
