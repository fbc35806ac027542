#ifndef BURNRATE_TESTS_SUPPORT_FAKEPROVIDERS_H
#define BURNRATE_TESTS_SUPPORT_FAKEPROVIDERS_H

#include "fakeorg.h"
#include "httpserver.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace burnrate {
class Clock;
}

namespace burnrate::test {

// A local server that speaks one provider's protocol (auth, parameters, limits, pagination, error bodies
// from tests/fixtures/providers) over a FakeOrg, with faults that can be queued per path.
class FakeProvider : public QObject
{
    Q_OBJECT

public:
    FakeProvider(const Clock &clock, QObject *parent = nullptr);

    LocalHttpServer &server() { return m_server; }
    QString origin() const { return m_server.baseUrl().toString(); }
    // Answers `times` requests whose path starts with `pathPrefix` with `response` instead, after letting the
    // first `skip` of them through.
    void pushFault(const QString &pathPrefix, const HttpResponse &response, int times = 1, int skip = 0);
    void clearFaults() { m_faults.clear(); }
    // Every answer with more pages gives this cursor (a server bug the client must survive).
    void setRepeatingCursor(bool on) { m_repeatCursor = on; }
    // Serves a fixture file at `path`, whatever the request.
    void serveFixture(const QString &path, const QString &fixtureFile, int status = 200);
    // Serves a fixture holding a JSON array of buckets as pages of `limit` buckets, with cursors; requests for
    // another bucket_width than `width` get an empty page.
    void servePagedBuckets(const QString &path, const QString &fixtureFile,
                           const QString &width = QStringLiteral("1d"));
    int requestCount(const QString &pathPrefix = QString()) const;
    // Replaces what `path` answers (queued faults still come first).
    using Handler = std::function<HttpResponse(const HttpRequest &)>;
    void route(const QString &path, Handler handler);

    // The path and the bytes of tests/fixtures/providers/<name>.
    static QString fixture(const QString &name);
    static QByteArray fixtureBody(const QString &name);
    // The fixtures the fakes answer with by themselves (error bodies), relative to tests/fixtures; a test that
    // starts a fake requires them (fixturetest.h).
    static QStringList servedFixtures();

protected:
    std::int64_t nowMs() const;
    QString nextCursor(std::int64_t nextStartSecs) const;
    static std::optional<std::int64_t> cursorStart(const QString &cursor);

    const Clock &m_clock;
    LocalHttpServer m_server;

private:
    struct Fault
    {
        QString pathPrefix;
        HttpResponse response;
        int times = 1;
        int skip = 0;
    };
    QList<Fault> m_faults;
    bool m_repeatCursor = false;
};

// /v1/organization/usage/completions and /v1/organization/costs.
class FakeOpenAi final : public FakeProvider
{
    Q_OBJECT

public:
    FakeOpenAi(const FakeOrg &org, const Clock &clock, QObject *parent = nullptr);
    static QString adminKey() { return QStringLiteral("sk-admin-FAKEadminKEY0000000000000000001abcd"); }
    static QString projectKey() { return QStringLiteral("sk-proj-FAKEprojectKEY00000000000000002wxyz"); }
    void setWrongKindStatus(int status) { m_wrongKindStatus = status; } // 401 (default) or 403
    void setAmountsAsStrings(bool on) { m_amountStrings = on; }

private:
    std::optional<HttpResponse> checkAuth(const HttpRequest &req) const;
    HttpResponse usage(const HttpRequest &req) const;
    HttpResponse costs(const HttpRequest &req) const;

    const FakeOrg &m_org;
    int m_wrongKindStatus = 401;
    bool m_amountStrings = false;
};

// /v1/organizations/usage_report/messages and /v1/organizations/cost_report.
class FakeAnthropic final : public FakeProvider
{
    Q_OBJECT

public:
    FakeAnthropic(const FakeOrg &org, const Clock &clock, QObject *parent = nullptr);
    static QString adminKey() { return QStringLiteral("sk-ant-admin01-FAKEadminKEY000000000000003efgh"); }
    static QString apiKey() { return QStringLiteral("sk-ant-api03-FAKEinferenceKEY000000000004ijkl"); }

private:
    HttpResponse usage(const HttpRequest &req) const;
    HttpResponse costs(const HttpRequest &req) const;

    const FakeOrg &m_org;
};

// /api/v1/key, /api/v1/credits, /api/v1/activity.
class FakeOpenRouter final : public FakeProvider
{
    Q_OBJECT

public:
    FakeOpenRouter(const FakeOrg &org, const Clock &clock, QObject *parent = nullptr);
    static QString inferenceKey() { return QStringLiteral("sk-or-v1-FAKEinferenceKEY00000000000000005mnop"); }
    static QString managementKey() { return QStringLiteral("sk-or-v1-FAKEmanagementKEY000000000000006qrst"); }
    // The key's running totals (USD nano) the next /key answer reports.
    void setKeyUsage(std::int64_t totalNano, std::int64_t todayNano);
    void setCredits(std::int64_t totalCreditsNano, std::int64_t totalUsageNano);

private:
    const FakeOrg &m_org;
    std::int64_t m_usage = 25'500'000'000;
    std::int64_t m_usageToday = 1'250'000'000;
    std::int64_t m_credits = 100'500'000'000;
    std::int64_t m_creditsUsed = 25'750'000'000;
};

// /user/balance.
class FakeDeepSeek final : public FakeProvider
{
    Q_OBJECT

public:
    explicit FakeDeepSeek(const Clock &clock, QObject *parent = nullptr);
    static QString key() { return QStringLiteral("sk-FAKEdeepseekKEY0000000000000000007uvwx"); }
    // The balance_infos the next answer holds, as the strings DeepSeek sends.
    void setBalances(const QList<QStringList> &currencyTotalGrantedToppedUp)
    {
        m_balances = currencyTotalGrantedToppedUp;
    }

private:
    QList<QStringList> m_balances = {
        {QStringLiteral("USD"), QStringLiteral("20.00"), QStringLiteral("5.00"), QStringLiteral("15.00")}};
};

} // namespace burnrate::test

#endif // BURNRATE_TESTS_SUPPORT_FAKEPROVIDERS_H
