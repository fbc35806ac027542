// priceupdate: what `burnrate prices update` and the settings dialog share. A plan merges a feed and shows its
// difference without activating anything; the fetcher reads a feed asynchronously, with a timeout and clear
// refusals.
#include "httpserver.h"
#include "ledger/ledger.h"
#include "pricing/pricestore.h"
#include "pricing/priceupdate.h"
#include "pricingtestutil.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

using namespace burnrate;
using namespace burnrate::test;

class TestPriceUpdatePlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void planShowsTheDiffAndActivatesNothing();
    void planRefusesABadFeed();
    void urlsAreChecked_data();
    void urlsAreChecked();
    void fetcherReadsAsynchronously();

private:
    Result<QByteArray> fetch(priceupdate::Fetcher &fetcher, const QUrl &url, int timeoutSeconds);
};

namespace {

const QString Genai = QStringLiteral("genai-prices-0.1.8.excerpt.json");
constexpr qint64 Now = 1'795'132'800'000; // 2026-11-20T00:00:00Z

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(path));
    }
    return f.readAll();
}

} // namespace

void TestPriceUpdatePlan::initTestCase()
{
    REQUIRE_FIXTURES(pricingFixtureFiles());
}

void TestPriceUpdatePlan::planShowsTheDiffAndActivatesNothing()
{
    QTemporaryDir dir;
    auto ledger = std::move(Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"))).value();
    PriceStore store(*ledger);
    const QString shipped = store.describeBase();
    QVERIFY(shipped.startsWith(QStringLiteral("shipped ")));
    QCOMPARE(priceupdate::defaultChangesFrom(Now + 3'600'000), QStringLiteral("2026-11-20T00:00:00Z"));
    const auto bytes = priceupdate::readFile(pricingFixture(Genai));
    QVERIFY(bytes.ok());
    const auto plan =
        priceupdate::plan(store, *bytes, QStringLiteral("feed.json"), priceupdate::defaultChangesFrom(Now), Now);
    QVERIFY2(plan.ok(), qPrintable(plan.error()));
    QCOMPARE(plan->feedKind, QStringLiteral("genai-prices"));
    QVERIFY2(plan->id.startsWith(QStringLiteral("2026-11-20-genai-prices-")), qPrintable(plan->id));
    QCOMPARE(plan->previousId, shipped.mid(8));
    QVERIFY(!plan->diff.isEmpty());
    QVERIFY(plan->modelCount > 0);
    QCOMPARE(plan->doc.value(QLatin1String("snapshot")).toObject().value(QLatin1String("id")).toString(), plan->id);
    QCOMPARE(store.describeBase(), shipped); // a plan activates nothing
    QVERIFY(store.activate(plan->doc, Now + 3'600'000).ok());
    QCOMPARE(store.describeBase(), QStringLiteral("update %1, activated 2026-11-20T01:00:00Z").arg(plan->id));
}

void TestPriceUpdatePlan::planRefusesABadFeed()
{
    QTemporaryDir dir;
    auto ledger = std::move(Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"))).value();
    PriceStore store(*ledger);
    const auto plan = priceupdate::plan(store, QByteArray("{\"hello\": 1}"), QStringLiteral("x"), QString(), Now);
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().startsWith(QStringLiteral("not a price feed Burnrate knows")), qPrintable(plan.error()));
    QVERIFY(!priceupdate::readFile(dir.filePath(QStringLiteral("missing.json"))).ok());
}

void TestPriceUpdatePlan::urlsAreChecked_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("error"); // empty: accepted
    QTest::addRow("https") << "https://example.com/data.json"
                           << "";
    QTest::addRow("loopback http") << "http://127.0.0.1:8080/data.json"
                                   << "";
    QTest::addRow("localhost http") << "http://localhost/data.json"
                                    << "";
    QTest::addRow("remote http") << "http://example.com/data.json"
                                 << "plain http is only allowed to this machine (127.0.0.1, localhost); use https";
    QTest::addRow("no host") << "https://"
                             << "not a valid URL: https://";
}

void TestPriceUpdatePlan::urlsAreChecked()
{
    QFETCH(QString, from);
    QFETCH(QString, error);
    QVERIFY(priceupdate::isUrl(from));
    const auto url = priceupdate::checkUrl(from);
    QCOMPARE(url.ok(), error.isEmpty());
    if (!url.ok()) {
        QCOMPARE(url.error(), error);
    }
    QVERIFY(!priceupdate::isUrl(QStringLiteral("/tmp/https.json")));
}

Result<QByteArray> TestPriceUpdatePlan::fetch(priceupdate::Fetcher &fetcher, const QUrl &url, int timeoutSeconds)
{
    Result<QByteArray> out = Result<QByteArray>::failure(QStringLiteral("not called"));
    bool called = false;
    fetcher.fetch(url, timeoutSeconds, [&](const Result<QByteArray> &r) {
        out = r;
        called = true;
    });
    if (called) {
        qFatal("the fetch finished before fetch() returned");
    }
    for (int i = 0; i < 1000 && !called; ++i) {
        QTest::qWait(10);
    }
    return out; // "not called" when it never finished
}

void TestPriceUpdatePlan::fetcherReadsAsynchronously()
{
    LocalHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", QStringLiteral("/data.json"), HttpResponse::fromFile(pricingFixture(Genai)));
    HttpResponse hang;
    hang.hang = true;
    server.route("GET", QStringLiteral("/slow.json"), hang);
    QNetworkAccessManager nam;
    priceupdate::Fetcher fetcher(nam);
    const auto good = fetch(fetcher, server.url(QStringLiteral("/data.json")), 5);
    QVERIFY2(good.ok(), qPrintable(good.error()));
    QCOMPARE(*good, fileBytes(pricingFixture(Genai)));
    const auto missing = fetch(fetcher, server.url(QStringLiteral("/nothing.json")), 5);
    QCOMPARE(missing.error(), QStringLiteral("127.0.0.1 answered HTTP 404"));
    const auto slow = fetch(fetcher, server.url(QStringLiteral("/slow.json")), 1);
    QCOMPARE(slow.error(), QStringLiteral("no answer from 127.0.0.1 within 1 s"));
    // A fetcher destroyed mid-transfer never calls back.
    bool called = false;
    {
        priceupdate::Fetcher gone(nam);
        gone.fetch(server.url(QStringLiteral("/slow.json")), 5, [&](const Result<QByteArray> &) { called = true; });
    }
    QTest::qWait(200);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestPriceUpdatePlan)
#include "tst_priceupdateplan.moc"
