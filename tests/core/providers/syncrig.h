#ifndef BURNRATE_TESTS_CORE_PROVIDERS_SYNCRIG_H
#define BURNRATE_TESTS_CORE_PROVIDERS_SYNCRIG_H

// A data folder, fake providers on local ports, keys in a memory keychain or the environment, and a
// SyncService wired to them with a fixed clock: one sync is one call.
#include "fakeproviders.h"
#include "fixturetest.h"
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "memorysecretstore.h"
#include "providers/syncservice.h"
#include "util/clock.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace burnrate::test {

// Long enough for a fake building big pages under ASan on a shared 2-core machine.
constexpr int GenerousTimeoutMs = 60'000;

inline HttpPolicy fastSyncPolicy()
{
    HttpPolicy p;
    p.timeoutMs = GenerousTimeoutMs; // the fakes build big pages; ASan and shared machines are slow
    p.maxAttempts = 2;
    p.backoffBaseMs = 10;
    p.backoffMaxMs = 50;
    p.maxRetryAfterMs = 1000;
    return p;
}

inline std::int64_t utcMs(int y, int mo, int d, int h = 0, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC).toMSecsSinceEpoch();
}

struct SyncRig
{
    QTemporaryDir dir;
    FixedClock clock{QDateTime::fromMSecsSinceEpoch(utcMs(2026, 11, 20, 15, 37), Qt::UTC)};
    FakeOrg openAiOrg{QStringLiteral("gpt-fake"), 20, 5};
    FakeOrg anthropicOrg{QStringLiteral("claude-fake"), 20, 5, 11};
    FakeOrg openRouterOrg{QStringLiteral("or-fake"), 5, 1, 13};
    std::unique_ptr<FakeOpenAi> openai;
    std::unique_ptr<FakeAnthropic> anthropic;
    std::unique_ptr<FakeOpenRouter> openrouter;
    std::unique_ptr<FakeDeepSeek> deepseek;
    std::unique_ptr<Ledger> ledger;
    MemorySecretStore secrets;
    QNetworkAccessManager nam;
    QHash<QString, QString> env;
    HttpPolicy policy = fastSyncPolicy();
    int backfillDays = 90;
    UsagePricer pricer;

    SyncRig()
    {
        auto opened = Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"));
        if (opened) {
            ledger = std::move(opened).value();
        }
    }

    // Starts every fake and puts its origin and key in the environment (keys: "env") or the keychain.
    void startAll(bool keysInKeychain = false)
    {
        openai = std::make_unique<FakeOpenAi>(openAiOrg, clock);
        anthropic = std::make_unique<FakeAnthropic>(anthropicOrg, clock);
        openrouter = std::make_unique<FakeOpenRouter>(openRouterOrg, clock);
        deepseek = std::make_unique<FakeDeepSeek>(clock);
        env.insert(QStringLiteral("BURNRATE_OPENAI_BASE_URL"), openai->origin() + QStringLiteral("/v1"));
        env.insert(QStringLiteral("BURNRATE_ANTHROPIC_BASE_URL"), anthropic->origin());
        env.insert(QStringLiteral("BURNRATE_OPENROUTER_BASE_URL"), openrouter->origin() + QStringLiteral("/api/v1/"));
        env.insert(QStringLiteral("BURNRATE_DEEPSEEK_BASE_URL"), deepseek->origin());
        const QList<QPair<QString, QString>> keys = {
            {QStringLiteral("BURNRATE_OPENAI_ADMIN_KEY"), FakeOpenAi::adminKey()},
            {QStringLiteral("BURNRATE_ANTHROPIC_ADMIN_KEY"), FakeAnthropic::adminKey()},
            {QStringLiteral("BURNRATE_OPENROUTER_KEY"), FakeOpenRouter::inferenceKey()},
            {QStringLiteral("BURNRATE_OPENROUTER_MANAGEMENT_KEY"), FakeOpenRouter::managementKey()},
            {QStringLiteral("BURNRATE_DEEPSEEK_KEY"), FakeDeepSeek::key()}};
        for (const auto &[var, key] : keys) {
            if (keysInKeychain) {
                for (const KeySpec &s : allKeySpecs()) {
                    if (s.envVar == var) {
                        bool done = false;
                        secrets.write(s.entry(), key, [&](const SecretStore::Outcome &) { done = true; });
                        (void)QTest::qWaitFor([&] { return done; });
                    }
                }
            } else {
                env.insert(var, key);
            }
        }
    }

    bool lastSyncFinished = false;

    QList<ProviderResult> sync(const QStringList &providers = {}, std::optional<std::int64_t> sinceMs = {})
    {
        SyncService::Options options;
        options.policy = policy;
        options.backfillDays = backfillDays;
        options.env = [this](const QString &name) {
            return env.value(name);
        };
        SyncService service(ledger->db(), secrets, nam, clock, options);
        if (pricer) {
            service.setPricer(pricer);
        }
        QList<ProviderResult> results;
        bool done = false;
        QObject::connect(&service, &SyncService::finished, [&](const QList<ProviderResult> &r) {
            results = r;
            done = true;
        });
        if (!service.start(providers, sinceMs)) {
            return results;
        }
        // A whole backfill of big fake pages under ASan on a busy 2-core machine can take minutes; a sync that
        // never ends fails the test through lastSyncFinished, not through figures read half-way.
        lastSyncFinished = QTest::qWaitFor([&] { return done; }, 5 * 60'000);
        return results;
    }

    std::int64_t scalar(const char *sql) { return ledger->db().queryInt64(sql).value_or(-1); }

    // Every row of a table as text, in a stable order, for before/after comparisons.
    QStringList dump(const QString &table, const QString &columns)
    {
        auto s =
            ledger->db().prepare(QStringLiteral("SELECT %1 FROM %2 ORDER BY %1").arg(columns, table).toStdString());
        QStringList out;
        const int n = static_cast<int>(columns.count(QLatin1Char(',')) + 1);
        while (s && s->step() == Statement::Step::Row) {
            QStringList cells;
            for (int c = 0; c < n; ++c) {
                cells << s->text(c);
            }
            out << cells.join(QLatin1Char('|'));
        }
        return out;
    }
};

inline const ProviderResult *resultOf(const QList<ProviderResult> &results, const QString &provider)
{
    for (const ProviderResult &r : results) {
        if (r.provider == provider) {
            return &r;
        }
    }
    return nullptr;
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_CORE_PROVIDERS_SYNCRIG_H
