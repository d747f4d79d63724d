package io.jsonmig.testing.auth;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Makes every RestAssured request of a {@code @QuarkusTest} that names no credential carry the test operator's
 * token, so tests of what the API does need not repeat it. A filter, not a request specification: a specification
 * would also fix the port before Quarkus sets the test port.
 */
public class OperatorRestAssured implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(OperatorToken.class::isInstance)) {
            RestAssured.filters(new OperatorToken());
        }
    }

    static final class OperatorToken implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                               FilterContext context) {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", TestApiCredentials.operatorAuthorization());
            }
            return context.next(request, response);
        }
    }
}
