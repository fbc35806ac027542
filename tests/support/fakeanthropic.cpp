// The usage and cost report fakes of Anthropic over a FakeOrg.
#include "fakeproviders.h"
#include "fakeusagecommon.h"
#include "util/clock.h"

namespace burnrate::test {

using namespace fake;

// --- Anthropic ----------------------------------------------------------------------------------------------

FakeAnthropic::FakeAnthropic(const FakeOrg &org, const Clock &clock, QObject *parent)
    : FakeProvider(clock, parent)
    , m_org(org)
{
    const auto guarded = [this](HttpResponse (FakeAnthropic::*handler)(const HttpRequest &) const) {
        return [this, handler](const HttpRequest &req) {
            if (req.header("x-api-key") != adminKey().toUtf8()) {
                return HttpResponse::fromFile(fixture(QStringLiteral("anthropic-error-401-assembled.json")), 401);
            }
            if (req.header("anthropic-version").isEmpty()) {
                return anthropicBadRequest(QStringLiteral("anthropic-version: header is required"));
            }
            return (this->*handler)(req);
        };
    };
    route(QStringLiteral("/v1/organizations/usage_report/messages"), guarded(&FakeAnthropic::usage));
    route(QStringLiteral("/v1/organizations/cost_report"), guarded(&FakeAnthropic::costs));
}

HttpResponse FakeAnthropic::usage(const HttpRequest &req) const
{
    const QString width = req.query.hasQueryItem(QStringLiteral("bucket_width"))
                              ? req.query.queryItemValue(QStringLiteral("bucket_width"))
                              : QStringLiteral("1d");
    const std::int64_t w = widthMs(width);
    const auto startText = req.query.queryItemValue(QStringLiteral("starting_at"), QUrl::FullyDecoded);
    const QDateTime startAt = QDateTime::fromString(startText, Qt::ISODate);
    if (!startAt.isValid()) {
        return anthropicBadRequest(QStringLiteral("starting_at is required"));
    }
    const int limit = req.query.hasQueryItem(QStringLiteral("limit"))
                          ? req.query.queryItemValue(QStringLiteral("limit")).toInt()
                          : defaultLimit(width);
    if (limit < 1 || limit > maxLimit(width)) {
        return anthropicBadRequest(QStringLiteral("limit must be between 1 and %1").arg(maxLimit(width)));
    }
    std::int64_t start = startAt.toMSecsSinceEpoch();
    start -= ((start % w) + w) % w; // snapped to the bucket width
    const std::int64_t now = nowMs();
    std::int64_t until = now - ((now % w) + w) % w + w; // through the bucket that holds now
    if (req.query.hasQueryItem(QStringLiteral("ending_at"))) {
        const QDateTime end = QDateTime::fromString(
            req.query.queryItemValue(QStringLiteral("ending_at"), QUrl::FullyDecoded), Qt::ISODate);
        until = std::min<std::int64_t>(until, end.toMSecsSinceEpoch()); // buckets that end by ending_at
    }
    const auto cursor = cursorStart(req.query.queryItemValue(QStringLiteral("page")));
    const std::int64_t first = cursor ? *cursor * 1000 : start;
    const bool byModel = groupedBy(req, QStringLiteral("model"));
    const bool byWorkspace =
        groupedBy(req, QStringLiteral("workspace_id")) || groupedBy(req, QStringLiteral("api_key_id"));
    bool more = false;
    std::int64_t next = 0;
    QByteArray data;
    for (const Span &s : pageSpans(first, until, w, limit, more, next)) {
        QByteArray results;
        const Groups g = groups(m_org, s.start, std::min(s.end, now), byModel, byWorkspace);
        for (auto it = g.cbegin(); it != g.cend(); ++it) {
            const auto [m, p] = it.key();
            const FakeOrg::Cell &c = it.value();
            results +=
                (results.isEmpty() ? "" : ",") +
                ("{\"uncached_input_tokens\":" + num(c.input - c.cached - c.cacheWrite) +
                 ",\"cache_read_input_tokens\":" + num(c.cached) +
                 ",\"cache_creation\":{\"ephemeral_1h_input_tokens\":0,\"ephemeral_5m_input_tokens\":" +
                 num(c.cacheWrite) + "},\"output_tokens\":" + num(c.output) +
                 ",\"server_tool_use\":{\"web_search_requests\":0},\"api_key_id\":" +
                 (groupedBy(req, QStringLiteral("api_key_id")) ? str(m_org.apiKey(p)) : "null") + ",\"workspace_id\":" +
                 (groupedBy(req, QStringLiteral("workspace_id")) ? str(m_org.workspace(p)) : "null") +
                 ",\"model\":" + (byModel ? str(m_org.model(m)) : "null") +
                 ",\"service_tier\":" + (groupedBy(req, QStringLiteral("service_tier")) ? "\"standard\"" : "null") +
                 ",\"context_window\":" + (groupedBy(req, QStringLiteral("context_window")) ? "\"0-200k\"" : "null") +
                 ",\"inference_geo\":null}");
        }
        data += (data.isEmpty() ? "" : ",") + ("{\"starting_at\":\"" + rfc3339(s.start) + "\",\"ending_at\":\"" +
                                               rfc3339(s.end) + "\",\"results\":[" + results + "]}");
    }
    return HttpResponse::json(page(data, more, nextCursor(next / 1000), false));
}

HttpResponse FakeAnthropic::costs(const HttpRequest &req) const
{
    if (req.query.hasQueryItem(QStringLiteral("bucket_width")) &&
        req.query.queryItemValue(QStringLiteral("bucket_width")) != QLatin1String("1d")) {
        return anthropicBadRequest(QStringLiteral("cost_report only supports bucket_width=1d"));
    }
    const QDateTime startAt =
        QDateTime::fromString(req.query.queryItemValue(QStringLiteral("starting_at"), QUrl::FullyDecoded), Qt::ISODate);
    if (!startAt.isValid()) {
        return anthropicBadRequest(QStringLiteral("starting_at is required"));
    }
    const int limit =
        req.query.hasQueryItem(QStringLiteral("limit")) ? req.query.queryItemValue(QStringLiteral("limit")).toInt() : 7;
    if (limit < 1 || limit > 31) {
        return anthropicBadRequest(QStringLiteral("limit must be between 1 and 31"));
    }
    constexpr std::int64_t Day = FakeOrg::MsPerDay;
    std::int64_t start = startAt.toMSecsSinceEpoch();
    start -= ((start % Day) + Day) % Day;
    const std::int64_t now = nowMs();
    const std::int64_t until = now - ((now % Day) + Day) % Day + Day;
    const auto cursor = cursorStart(req.query.queryItemValue(QStringLiteral("page")));
    const bool byDescription = groupedBy(req, QStringLiteral("description"));
    const bool byWorkspace = groupedBy(req, QStringLiteral("workspace_id"));
    bool more = false;
    std::int64_t next = 0;
    QByteArray data;
    for (const Span &s : pageSpans(cursor ? *cursor * 1000 : start, until, Day, limit, more, next)) {
        QByteArray results;
        const Groups g = groups(m_org, s.start, std::min(s.end, now), byDescription, byWorkspace);
        for (auto it = g.cbegin(); it != g.cend(); ++it) {
            const auto [m, p] = it.key();
            const auto item = [&](const char *label, const char *tokenType, std::int64_t nano) {
                results += (results.isEmpty() ? "" : ",") +
                           ("{\"amount\":\"" + cents(nano) + "\",\"currency\":\"USD\",\"description\":" +
                            (byDescription ? str(m_org.model(m) + QStringLiteral(" Usage - ") + QLatin1String(label))
                                           : "null") +
                            ",\"cost_type\":" + (byDescription ? "\"tokens\"" : "null") +
                            ",\"model\":" + (byDescription ? str(m_org.model(m)) : "null") +
                            ",\"token_type\":" + (byDescription ? '"' + QByteArray(tokenType) + '"' : "null") +
                            ",\"service_tier\":" + (byDescription ? "\"standard\"" : "null") +
                            ",\"context_window\":" + (byDescription ? "\"0-200k\"" : "null") +
                            ",\"inference_geo\":\"global\",\"workspace_id\":" +
                            (byWorkspace ? str(m_org.workspace(p)) : "null") + "}");
            };
            item("Input Tokens", "uncached_input_tokens", it.value().inputCostNano);
            item("Output Tokens", "output_tokens", it.value().outputCostNano);
        }
        data += (data.isEmpty() ? "" : ",") + ("{\"starting_at\":\"" + rfc3339(s.start) + "\",\"ending_at\":\"" +
                                               rfc3339(s.end) + "\",\"results\":[" + results + "]}");
    }
    return HttpResponse::json(page(data, more, nextCursor(next / 1000), false));
}

} // namespace burnrate::test
