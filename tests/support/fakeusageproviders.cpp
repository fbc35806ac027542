// The usage and cost report fakes of OpenAI and Anthropic over one FakeOrg.
#include "fakeproviders.h"
#include "util/clock.h"

#include <QDateTime>
#include <QMap>

namespace burnrate::test {

namespace {

constexpr std::int64_t MsPerMinute = 60'000;

struct Span
{
    std::int64_t start;
    std::int64_t end;
};

// The buckets of one page: from `first` (the request's start, or the cursor's), `width` apart and aligned
// after the first, while they start before `until`; at most `limit`.
QList<Span> pageSpans(std::int64_t first, std::int64_t until, std::int64_t width, int limit, bool &more,
                      std::int64_t &next)
{
    QList<Span> out;
    std::int64_t s = first;
    while (s < until && out.size() < limit) {
        const std::int64_t aligned = s - ((s % width) + width) % width + width;
        out.append({s, aligned});
        s = aligned;
    }
    more = s < until;
    next = s;
    return out;
}

using Groups = QMap<QPair<int, int>, FakeOrg::Cell>;

// Sums the org's cells of [from, until) by (model, project), or over a dimension not grouped by (-1).
Groups groups(const FakeOrg &org, std::int64_t from, std::int64_t until, bool byModel, bool byProject)
{
    Groups out;
    for (int m = 0; m < org.models(); ++m) {
        for (int p = 0; p < org.projects(); ++p) {
            const FakeOrg::Cell c = org.sum(from, until, m, p);
            if (!c.active()) {
                continue;
            }
            FakeOrg::Cell &g = out[{byModel ? m : -1, byProject ? p : -1}];
            g.input += c.input;
            g.cached += c.cached;
            g.cacheWrite += c.cacheWrite;
            g.output += c.output;
            g.requests += c.requests;
            g.inputCostNano += c.inputCostNano;
            g.outputCostNano += c.outputCostNano;
        }
    }
    return out;
}

QByteArray str(const QString &s)
{
    return '"' + s.toUtf8() + '"';
}

QByteArray num(std::int64_t v)
{
    return QByteArray::number(static_cast<qlonglong>(v));
}

QByteArray usd(std::int64_t nano)
{
    QByteArray s = num(std::abs(nano) / 1'000'000'000) + '.' +
                   QByteArray::number(static_cast<qlonglong>(std::abs(nano) % 1'000'000'000)).rightJustified(9, '0');
    return nano < 0 ? '-' + s : s;
}

QByteArray cents(std::int64_t nano)
{
    return num(nano / 10'000'000) + '.' +
           QByteArray::number(static_cast<qlonglong>(nano % 10'000'000)).rightJustified(7, '0');
}

QByteArray rfc3339(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")).toUtf8();
}

bool groupedBy(const HttpRequest &req, const QString &dim)
{
    return req.query.allQueryItemValues(QStringLiteral("group_by")).contains(dim) ||
           req.query.allQueryItemValues(QStringLiteral("group_by[]")).contains(dim);
}

std::int64_t widthMs(const QString &w)
{
    return w == QLatin1String("1h") ? FakeOrg::MsPerHour : w == QLatin1String("1m") ? MsPerMinute : FakeOrg::MsPerDay;
}

int maxLimit(const QString &w)
{
    return w == QLatin1String("1h") ? 168 : w == QLatin1String("1m") ? 1440 : 31;
}

int defaultLimit(const QString &w)
{
    return w == QLatin1String("1h") ? 24 : w == QLatin1String("1m") ? 60 : 7;
}

HttpResponse openAiBadRequest(const QString &message)
{
    return HttpResponse::json("{\"error\":{\"message\":" + str(message) +
                                  ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}",
                              400);
}

HttpResponse anthropicBadRequest(const QString &message)
{
    return HttpResponse::json("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":" +
                                  str(message) + "},\"request_id\":\"req_fake\"}",
                              400);
}

QByteArray page(const QByteArray &data, bool more, const QString &cursor, bool openAi)
{
    return QByteArray(openAi ? "{\"object\":\"page\"," : "{") + "\"data\":[" + data +
           "],\"has_more\":" + (more ? "true" : "false") +
           ",\"next_page\":" + (more ? str(cursor) : QByteArray("null")) + "}";
}

} // namespace

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
