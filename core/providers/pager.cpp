#include "providers/pager.h"

#include <QPointer>
#include <QSet>

#include <memory>

namespace burnrate {

namespace {

struct PagerState
{
    QPointer<HttpClient> http;
    Pager::RequestFor requestFor;
    Pager::Consume consume;
    Pager::Done done;
    QSet<QString> seen;
    int pages = 0;
};

void fetchPage(const std::shared_ptr<PagerState> &state, const QString &cursor)
{
    if (!state->http) {
        return;
    }
    state->http->get(state->requestFor(cursor), [state](const HttpResult &result) {
        if (!result.ok()) {
            state->done(result.error, state->pages);
            return;
        }
        ++state->pages;
        const Result<QString> next = state->consume(result.body);
        HttpError error;
        if (!next) {
            error.kind = HttpError::Kind::Malformed;
            error.status = result.status;
            error.message = QStringLiteral("the answer is not what was expected: %1").arg(next.error());
        } else if (!next->isEmpty() && state->seen.contains(*next)) {
            error.kind = HttpError::Kind::CursorLoop;
            error.message = QStringLiteral("the server sent the same page cursor twice, after %1 pages; stopped so "
                                           "as not to loop forever")
                                .arg(state->pages);
        } else if (!next->isEmpty() && state->http && state->pages >= state->http->policy().maxPages) {
            error.kind = HttpError::Kind::TooManyPages;
            error.message =
                QStringLiteral("stopped after %1 pages: the server kept saying there is more").arg(state->pages);
        }
        if (error.isError() || next->isEmpty()) {
            state->done(error, state->pages);
            return;
        }
        state->seen.insert(*next);
        fetchPage(state, *next);
    });
}

} // namespace

void Pager::fetchAll(HttpClient &http, RequestFor requestFor, Consume consume, Done done)
{
    auto state = std::make_shared<PagerState>();
    state->http = &http;
    state->requestFor = std::move(requestFor);
    state->consume = std::move(consume);
    state->done = std::move(done);
    fetchPage(state, QString());
}

} // namespace burnrate
