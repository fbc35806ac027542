#include "fakeproviders.h"
#include "fixtures.h"
#include "money/money.h"
#include "util/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace burnrate::test {

FakeProvider::FakeProvider(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    m_server.listen();
}

QString FakeProvider::fixture(const QString &name)
{
    return fixturePath(QStringLiteral("providers/") + name);
}

QByteArray FakeProvider::fixtureBody(const QString &name)
{
    return fixtureBytes(QStringLiteral("providers/") + name);
}

QStringList FakeProvider::servedFixtures()
{
    return {
        QStringLiteral("providers/anthropic-error-401-assembled.json"),
        QStringLiteral("providers/deepseek-error-401.json"),
        QStringLiteral("providers/openai-error-401-invalid-key-assembled.json"),
        QStringLiteral("providers/openai-error-401-missing-scope-assembled.json"),
        QStringLiteral("providers/openrouter-error-401-user-not-found-observed.json"),
        QStringLiteral("providers/openrouter-error-403-not-management-key.json"),
    };
}

std::int64_t FakeProvider::nowMs() const
{
    return m_clock.nowMs();
}

void FakeProvider::pushFault(const QString &pathPrefix, const HttpResponse &response, int times, int skip)
{
    m_faults.append(Fault{pathPrefix, response, times, skip});
}

int FakeProvider::requestCount(const QString &pathPrefix) const
{
    int n = 0;
    for (const HttpRequest &r : m_server.requests()) {
        n += r.path.startsWith(pathPrefix) ? 1 : 0;
    }
    return n;
}

void FakeProvider::route(const QString &path, Handler handler)
{
    m_server.route("GET", path, [this, path, handler = std::move(handler)](const HttpRequest &req) {
        for (qsizetype i = 0; i < m_faults.size(); ++i) {
            Fault &f = m_faults[i];
            if (path.startsWith(f.pathPrefix)) {
                if (f.skip > 0) {
                    --f.skip;
                    break;
                }
                const HttpResponse r = f.response;
                if (--f.times <= 0) {
                    m_faults.removeAt(i);
                }
                return r;
            }
        }
        return handler(req);
    });
}

void FakeProvider::serveFixture(const QString &path, const QString &fixtureFile, int status)
{
    route(path,
          [file = fixture(fixtureFile), status](const HttpRequest &) { return HttpResponse::fromFile(file, status); });
}

void FakeProvider::servePagedBuckets(const QString &path, const QString &fixtureFile, const QString &width)
{
    const QJsonArray buckets = QJsonDocument::fromJson(fixtureBody(fixtureFile)).array();
    route(path, [this, buckets, width](const HttpRequest &req) {
        if (req.query.queryItemValue(QStringLiteral("bucket_width")) != width) {
            return HttpResponse::json(R"({"object":"page","data":[],"has_more":false,"next_page":null})");
        }
        const int limit = std::max(1, req.query.queryItemValue(QStringLiteral("limit")).toInt());
        const auto start = cursorStart(req.query.queryItemValue(QStringLiteral("page")));
        const qsizetype from = start ? static_cast<qsizetype>(*start) : 0;
        QByteArray data;
        qsizetype i = from;
        for (; i < buckets.size() && i < from + limit; ++i) {
            data +=
                (data.isEmpty() ? "" : ",") + QJsonDocument(buckets.at(i).toObject()).toJson(QJsonDocument::Compact);
        }
        const bool more = i < buckets.size();
        const QByteArray body =
            "{\"object\":\"page\",\"data\":[" + data + "],\"has_more\":" + (more ? "true" : "false") +
            ",\"next_page\":" + (more ? '"' + nextCursor(i).toUtf8() + '"' : QByteArray("null")) + "}";
        return HttpResponse::json(body);
    });
}

QString FakeProvider::nextCursor(std::int64_t nextStartSecs) const
{
    if (m_repeatCursor) {
        return QStringLiteral("page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=");
    }
    return QStringLiteral("page_") + QString::fromLatin1(QByteArray::number(nextStartSecs).toBase64());
}

std::optional<std::int64_t> FakeProvider::cursorStart(const QString &cursor)
{
    if (!cursor.startsWith(QLatin1String("page_"))) {
        return std::nullopt;
    }
    bool ok = false;
    const std::int64_t v = QByteArray::fromBase64(cursor.mid(5).toLatin1()).toLongLong(&ok);
    return ok ? std::optional<std::int64_t>(v) : std::nullopt;
}

// --- OpenRouter ---------------------------------------------------------------------------------------------

FakeOpenRouter::FakeOpenRouter(const FakeOrg &org, const Clock &clock, QObject *parent)
    : FakeProvider(clock, parent)
    , m_org(org)
{
    const auto auth = [](const HttpRequest &req) {
        const QByteArray h = req.header("authorization");
        if (h == "Bearer " + inferenceKey().toUtf8()) {
            return 1;
        }
        if (h == "Bearer " + managementKey().toUtf8()) {
            return 2;
        }
        return 0;
    };
    const auto unauthorized = [] {
        return HttpResponse::fromFile(fixture(QStringLiteral("openrouter-error-401-user-not-found-observed.json")),
                                      401);
    };
    route(QStringLiteral("/api/v1/key"), [this, auth, unauthorized](const HttpRequest &req) {
        const int who = auth(req);
        if (who == 0) {
            return unauthorized();
        }
        const auto usd = [](std::int64_t n) {
            return Money::fromNano(n).toDecimalString().toUtf8();
        };
        return HttpResponse::json(
            "{\"data\":{\"label\":\"sk-or-v1-FAK...abc\",\"limit\":100,\"limit_remaining\":" +
            usd(100'000'000'000 - m_usage) + ",\"limit_reset\":\"monthly\",\"include_byok_in_limit\":false,\"usage\":" +
            usd(who == 2 ? 0 : m_usage) + ",\"usage_daily\":" + usd(who == 2 ? 0 : m_usageToday) +
            ",\"usage_weekly\":0,\"usage_monthly\":0,\"byok_usage\":0,\"byok_usage_daily\":0,\"byok_usage_weekly\":0,"
            "\"byok_usage_monthly\":0,\"is_free_tier\":false,\"is_management_key\":" +
            (who == 2 ? "true" : "false") +
            ",\"is_provisioning_key\":false,\"creator_user_id\":null,\"rate_limit\":{\"requests\":1000,\"interval\":"
            "\"1h\",\"note\":\"deprecated\"}}}");
    });
    route(QStringLiteral("/api/v1/credits"), [this, auth, unauthorized](const HttpRequest &req) {
        const int who = auth(req);
        if (who == 0) {
            return unauthorized();
        }
        if (who == 1) {
            return HttpResponse::fromFile(fixture(QStringLiteral("openrouter-error-403-not-management-key.json")), 403);
        }
        return HttpResponse::json(
            "{\"data\":{\"total_credits\":" + Money::fromNano(m_credits).toDecimalString().toUtf8() +
            ",\"total_usage\":" + Money::fromNano(m_creditsUsed).toDecimalString().toUtf8() + "}}");
    });
    route(QStringLiteral("/api/v1/activity"), [this, auth, unauthorized](const HttpRequest &req) {
        const int who = auth(req);
        if (who == 0) {
            return unauthorized();
        }
        if (who == 1) {
            return HttpResponse::fromFile(fixture(QStringLiteral("openrouter-error-403-not-management-key.json")), 403);
        }
        const std::int64_t today = nowMs() - nowMs() % FakeOrg::MsPerDay;
        QByteArray items;
        for (int d = 30; d >= 1; --d) {
            const std::int64_t day = today - d * FakeOrg::MsPerDay;
            const QString date = QDate(1970, 1, 1).addDays(day / FakeOrg::MsPerDay).toString(Qt::ISODate);
            for (int m = 0; m < std::min(5, m_org.models()); ++m) {
                const FakeOrg::Cell c = m_org.sum(day, day + FakeOrg::MsPerDay, m, 0);
                if (!c.active()) {
                    continue;
                }
                items += (items.isEmpty() ? "" : ",") +
                         QStringLiteral("{\"date\":\"%1\",\"model\":\"openai/%2\",\"model_permaslug\":"
                                        "\"openai/%2\",\"endpoint_id\":\"ep-%3\",\"provider_name\":"
                                        "\"OpenAI\",\"usage\":%4,\"byok_usage_inference\":0,"
                                        "\"requests\":%5,\"prompt_tokens\":%6,\"completion_tokens\":%7,"
                                        "\"reasoning_tokens\":0}")
                             .arg(date, m_org.model(m))
                             .arg(m)
                             .arg(Money::fromNano(c.inputCostNano + c.outputCostNano).toDecimalString())
                             .arg(c.requests)
                             .arg(c.input)
                             .arg(c.output)
                             .toUtf8();
            }
        }
        return HttpResponse::json("{\"data\":[" + items + "]}");
    });
}

void FakeOpenRouter::setKeyUsage(std::int64_t totalNano, std::int64_t todayNano)
{
    m_usage = totalNano;
    m_usageToday = todayNano;
}

void FakeOpenRouter::setCredits(std::int64_t totalCreditsNano, std::int64_t totalUsageNano)
{
    m_credits = totalCreditsNano;
    m_creditsUsed = totalUsageNano;
}

// --- DeepSeek -----------------------------------------------------------------------------------------------

FakeDeepSeek::FakeDeepSeek(const Clock &clock, QObject *parent)
    : FakeProvider(clock, parent)
{
    route(QStringLiteral("/user/balance"), [this](const HttpRequest &req) {
        if (req.header("authorization") != "Bearer " + key().toUtf8()) {
            return HttpResponse::fromFile(fixture(QStringLiteral("deepseek-error-401.json")), 401);
        }
        QByteArray infos;
        for (const QStringList &b : std::as_const(m_balances)) {
            infos += (infos.isEmpty() ? "" : ",") +
                     QStringLiteral("{\"currency\":\"%1\",\"total_balance\":\"%2\",\"granted_balance\":\"%3\","
                                    "\"topped_up_balance\":\"%4\"}")
                         .arg(b.value(0), b.value(1), b.value(2), b.value(3))
                         .toUtf8();
        }
        return HttpResponse::json("{\"is_available\":true,\"balance_infos\":[" + infos + "]}");
    });
}

} // namespace burnrate::test
