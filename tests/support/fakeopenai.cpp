// The usage and cost fakes of OpenAI over a FakeOrg.
#include "fakeproviders.h"
#include "fakeusagecommon.h"
#include "util/clock.h"

#include <QDateTime>
#include <QMap>

namespace burnrate::test {

using namespace fake;

// --- OpenAI -------------------------------------------------------------------------------------------------

FakeOpenAi::FakeOpenAi(const FakeOrg &org, const Clock &clock, QObject *parent)
    : FakeProvider(clock, parent)
    , m_org(org)
{
    route(QStringLiteral("/v1/organization/usage/completions"), [this](const HttpRequest &req) { return usage(req); });
    route(QStringLiteral("/v1/organization/costs"), [this](const HttpRequest &req) { return costs(req); });
}

std::optional<HttpResponse> FakeOpenAi::checkAuth(const HttpRequest &req) const
{
    const QByteArray h = req.header("authorization");
    if (h == "Bearer " + adminKey().toUtf8()) {
        return std::nullopt;
    }
    if (h == "Bearer " + projectKey().toUtf8()) {
        return HttpResponse::fromFile(fixture(QStringLiteral("openai-error-401-missing-scope-assembled.json")),
                                      m_wrongKindStatus);
    }
    return HttpResponse::fromFile(fixture(QStringLiteral("openai-error-401-invalid-key-assembled.json")), 401);
}

HttpResponse FakeOpenAi::usage(const HttpRequest &req) const
{
    if (auto denied = checkAuth(req)) {
        return *denied;
    }
    bool ok = false;
    const std::int64_t start = req.query.queryItemValue(QStringLiteral("start_time")).toLongLong(&ok) * 1000;
    if (!ok) {
        return openAiBadRequest(QStringLiteral("start_time is required"));
    }
    const QString width = req.query.hasQueryItem(QStringLiteral("bucket_width"))
                              ? req.query.queryItemValue(QStringLiteral("bucket_width"))
                              : QStringLiteral("1d");
    if (width != QLatin1String("1d") && width != QLatin1String("1h") && width != QLatin1String("1m")) {
        return openAiBadRequest(QStringLiteral("invalid bucket_width"));
    }
    const int limit = req.query.hasQueryItem(QStringLiteral("limit"))
                          ? req.query.queryItemValue(QStringLiteral("limit")).toInt()
                          : defaultLimit(width);
    if (limit < 1 || limit > maxLimit(width)) {
        return openAiBadRequest(QStringLiteral("limit must be between 1 and %1").arg(maxLimit(width)));
    }
    std::int64_t until = nowMs();
    if (req.query.hasQueryItem(QStringLiteral("end_time"))) {
        until = std::min<std::int64_t>(until, req.query.queryItemValue(QStringLiteral("end_time")).toLongLong() * 1000);
    }
    const auto cursor = cursorStart(req.query.queryItemValue(QStringLiteral("page")));
    const std::int64_t first = cursor ? *cursor * 1000 : start - ((start % MsPerMinute) + MsPerMinute) % MsPerMinute;
    bool more = false;
    std::int64_t next = 0;
    const bool byModel = groupedBy(req, QStringLiteral("model"));
    const bool byProject = groupedBy(req, QStringLiteral("project_id"));
    const bool byKey = groupedBy(req, QStringLiteral("api_key_id"));
    const bool byBatch = groupedBy(req, QStringLiteral("batch"));
    const bool byTier = groupedBy(req, QStringLiteral("service_tier"));
    QByteArray data;
    for (const Span &s : pageSpans(first, until, widthMs(width), limit, more, next)) {
        const std::int64_t end = std::min(s.end, until);
        QByteArray results;
        const Groups g = groups(m_org, s.start, end, byModel, byProject || byKey);
        for (auto it = g.cbegin(); it != g.cend(); ++it) {
            const auto [m, p] = it.key();
            const FakeOrg::Cell &c = it.value();
            results +=
                (results.isEmpty() ? "" : ",") +
                ("{\"object\":\"organization.usage.completions.result\",\"input_tokens\":" + num(c.input) +
                 ",\"output_tokens\":" + num(c.output) + ",\"num_model_requests\":" + num(c.requests) +
                 ",\"input_cached_tokens\":" + num(c.cached) + ",\"input_cache_write_tokens\":" + num(c.cacheWrite) +
                 ",\"input_audio_tokens\":0,\"output_audio_tokens\":0,\"project_id\":" +
                 (byProject ? str(m_org.project(p)) : "null") + ",\"user_id\":null,\"api_key_id\":" +
                 (byKey ? str(m_org.apiKey(p)) : "null") + ",\"model\":" + (byModel ? str(m_org.model(m)) : "null") +
                 ",\"batch\":" + (byBatch ? "false" : "null") +
                 ",\"service_tier\":" + (byTier ? "\"default\"" : "null") + "}");
        }
        data += (data.isEmpty() ? "" : ",") + ("{\"object\":\"bucket\",\"start_time\":" + num(s.start / 1000) +
                                               ",\"end_time\":" + num(end / 1000) + ",\"results\":[" + results + "]}");
    }
    return HttpResponse::json(page(data, more, nextCursor(next / 1000), true));
}

HttpResponse FakeOpenAi::costs(const HttpRequest &req) const
{
    if (auto denied = checkAuth(req)) {
        return *denied;
    }
    bool ok = false;
    const std::int64_t start = req.query.queryItemValue(QStringLiteral("start_time")).toLongLong(&ok) * 1000;
    if (!ok) {
        return openAiBadRequest(QStringLiteral("start_time is required"));
    }
    if (req.query.hasQueryItem(QStringLiteral("bucket_width")) &&
        req.query.queryItemValue(QStringLiteral("bucket_width")) != QLatin1String("1d")) {
        return openAiBadRequest(QStringLiteral("costs only support bucket_width=1d"));
    }
    const int limit =
        req.query.hasQueryItem(QStringLiteral("limit")) ? req.query.queryItemValue(QStringLiteral("limit")).toInt() : 7;
    if (limit < 1 || limit > 180) {
        return openAiBadRequest(QStringLiteral("limit must be between 1 and 180"));
    }
    std::int64_t until = nowMs();
    if (req.query.hasQueryItem(QStringLiteral("end_time"))) {
        until = std::min<std::int64_t>(until, req.query.queryItemValue(QStringLiteral("end_time")).toLongLong() * 1000);
    }
    const auto cursor = cursorStart(req.query.queryItemValue(QStringLiteral("page")));
    const std::int64_t first =
        cursor ? *cursor * 1000 : start - ((start % FakeOrg::MsPerDay) + FakeOrg::MsPerDay) % FakeOrg::MsPerDay;
    const bool byProject = groupedBy(req, QStringLiteral("project_id"));
    const bool byItem = groupedBy(req, QStringLiteral("line_item"));
    bool more = false;
    std::int64_t next = 0;
    QByteArray data;
    for (const Span &s : pageSpans(first, until, FakeOrg::MsPerDay, limit, more, next)) {
        QByteArray results;
        const Groups g = groups(m_org, s.start, std::min(s.end, until), byItem, byProject);
        const auto amount = [&](std::int64_t nano) {
            return m_amountStrings ? '"' + usd(nano) + '"' : usd(nano);
        };
        for (auto it = g.cbegin(); it != g.cend(); ++it) {
            const auto [m, p] = it.key();
            const QByteArray project = byProject ? str(m_org.project(p)) : "null";
            const auto item = [&](const char *side, std::int64_t nano) {
                results += (results.isEmpty() ? "" : ",") +
                           ("{\"object\":\"organization.costs.result\",\"amount\":{\"value\":" + amount(nano) +
                            ",\"currency\":\"usd\"},\"line_item\":" +
                            (byItem ? str(m_org.model(m) + QStringLiteral(", ") + QLatin1String(side)) : "null") +
                            ",\"project_id\":" + project + ",\"organization_id\":\"org-FAKE\"}");
            };
            if (byItem) {
                item("input", it.value().inputCostNano);
                item("output", it.value().outputCostNano);
            } else {
                item("", it.value().inputCostNano + it.value().outputCostNano);
            }
        }
        data +=
            (data.isEmpty() ? "" : ",") + ("{\"object\":\"bucket\",\"start_time\":" + num(s.start / 1000) +
                                           ",\"end_time\":" + num(s.end / 1000) + ",\"results\":[" + results + "]}");
    }
    return HttpResponse::json(page(data, more, nextCursor(next / 1000), true));
}

} // namespace burnrate::test
