// The user's own prices (prices.user.json) read, edited and written back through PriceStore, on a real ledger
// folder: the round trip, fields the editor does not show kept, validation before writing (the old file stays).
#include "ledger/ledger.h"
#include "pricing/userprices.h"
#include "pricingtestutil.h"

#include <QJsonArray>
#include <QTemporaryDir>

using namespace burnrate;
using namespace burnrate::test;

namespace {

UserPrice price(const char *provider, const char *model, const char *from, const char *input, const char *cacheRead,
                const char *cacheWrite, const char *output)
{
    UserPrice p;
    p.provider = QLatin1String(provider);
    p.model = QLatin1String(model);
    p.effectiveFrom = QLatin1String(from);
    p.input = QLatin1String(input);
    p.cacheRead = QLatin1String(cacheRead);
    p.cacheWrite = QLatin1String(cacheWrite);
    p.output = QLatin1String(output);
    return p;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// pico-USD per token of `key` for provider/model at `atMs` in `book`, -1 when absent.
std::int64_t rate(const PriceBook &book, const char *provider, const char *model, RateKey key,
                  std::int64_t atMs = utcMs("2026-11-01T00:00:00Z"))
{
    const ModelEntry *m = book.find(QLatin1String(provider), QLatin1String(model));
    const PriceVersion *v = m ? m->versionAt(atMs) : nullptr;
    return v && v->rates.has(key) ? v->rates.get(key) : -1;
}

} // namespace

class TestUserPrices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void roundTripThroughTheFile();
    void editKeepsWhatTheTableDoesNotShow();
    void newEntryStartsFromTheCurrentRates();
    void movedAndRemovedEntries();
    void invalidPricesKeepTheOldFile();
    void entryChecks_data();
    void entryChecks();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
};

void TestUserPrices::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ledger = std::move(Ledger::open(m_dir->path(), *LocalCalendar::forZoneId("UTC"))).value();
}

void TestUserPrices::cleanup()
{
    m_ledger.reset();
    m_dir.reset();
}

void TestUserPrices::roundTripThroughTheFile()
{
    PriceStore store(*m_ledger);
    QVERIFY(!QFile::exists(store.userPricesPath()));
    QCOMPARE(userprices::entries(*store.userPrices()).size(), 0);
    const auto below = store.documentBelowUserPrices();
    QVERIFY(below.ok());

    const UserPrice mini = price("openai", "gpt-4o-mini", "", "0.30", "0.075", "", "0.60");
    const UserPrice own = price("acme", "my-model", "2026-11-01", "1.25", "", "2", "10.000001");
    QJsonObject overlay = userprices::emptyOverlay();
    overlay = userprices::withPrice(overlay, mini, nullptr, userprices::seedRates(*below, mini));
    overlay = userprices::withPrice(overlay, own, nullptr, userprices::seedRates(*below, own));
    QVERIFY2(store.saveUserPrices(overlay).ok(), qPrintable(store.saveUserPrices(overlay).error()));

    // Read back exactly: decimal text, the date as a UTC midnight instant, file order.
    const auto read = store.userPrices();
    QVERIFY(read.ok());
    const QList<UserPrice> back = userprices::entries(*read);
    QCOMPARE(back.size(), 2);
    QCOMPARE(back[0].provider, QStringLiteral("openai"));
    QCOMPARE(back[0].model, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(back[0].effectiveFrom, QString());
    QCOMPARE(back[0].input, QStringLiteral("0.30"));
    QCOMPARE(back[0].cacheRead, QStringLiteral("0.075"));
    QCOMPARE(back[0].output, QStringLiteral("0.60"));
    QVERIFY(back[0].hasMore); // web_search_per_1k, copied from the shipped version, is kept
    QCOMPARE(back[1].effectiveFrom, QStringLiteral("2026-11-01T00:00:00Z"));
    QCOMPARE(back[1].fromLabel(), QStringLiteral("2026-11-01"));
    QCOMPARE(back[1].cacheWrite, QStringLiteral("2"));
    QCOMPARE(back[1].output, QStringLiteral("10.000001"));
    QVERIFY(!back[1].hasMore);
    const QJsonObject rates = read->value(QLatin1String("providers"))
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(QLatin1String("models"))
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(QLatin1String("versions"))
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(QLatin1String("rates"))
                                  .toObject();
    QCOMPARE(rates.value(QLatin1String("web_search_per_1k")).toString(), QStringLiteral("10"));
    // Written again unchanged, the file is the same bytes.
    const QByteArray first = fileBytes(store.userPricesPath());
    QVERIFY(store.saveUserPrices(*read).ok());
    QCOMPARE(fileBytes(store.userPricesPath()), first);
    QVERIFY(first.contains("\"format_version\": 1"));

    // The active book has them: exact pico-USD per token.
    const auto book = store.load();
    QVERIFY2(book.ok(), qPrintable(book.error()));
    QVERIFY((*book)->id().endsWith(QStringLiteral("+user")));
    QCOMPARE(rate(**book, "openai", "gpt-4o-mini", RateKey::Input), 300'000);
    QCOMPARE(rate(**book, "openai", "gpt-4o-mini", RateKey::Output), 600'000);
    QCOMPARE(rate(**book, "acme", "my-model", RateKey::Output), 10'000'001);
    QCOMPARE(rate(**book, "acme", "my-model", RateKey::CacheWrite), 2'000'000);
    QCOMPARE(rate(**book, "acme", "my-model", RateKey::Input, utcMs("2026-10-31T23:59:59Z")), -1); // not yet
}

void TestUserPrices::editKeepsWhatTheTableDoesNotShow()
{
    const QJsonObject overlay = readJson(QStringLiteral(":/pricing/overrides.json"));
    const QList<UserPrice> list = userprices::entries(overlay);
    QCOMPARE(list.size(), 6);
    QCOMPARE(list[0].model, QStringLiteral("o3"));
    QCOMPARE(list[0].input, QStringLiteral("10.00"));
    QVERIFY(list[0].hasMore); // web_search_per_1k
    QCOMPARE(list[1].fromLabel(), QStringLiteral("2025-06-10"));
    QVERIFY(list[1].hasMore); // a flex service tier, no rates
    QCOMPARE(list[1].input, QString());
    UserPrice edited = list[0];
    edited.output = QStringLiteral("41");
    const QJsonObject after = userprices::withPrice(overlay, edited, &list[0]);
    const QList<UserPrice> again = userprices::entries(after);
    QCOMPARE(again.size(), 6);
    QCOMPARE(again[0].output, QStringLiteral("41"));
    QCOMPARE(again[0].input, QStringLiteral("10.00"));
    // Everything else of the document is as it was: the about text, the provider's batch tier, the sources.
    QCOMPARE(after.value(QLatin1String("about")), overlay.value(QLatin1String("about")));
    const QJsonObject openai = after.value(QLatin1String("providers")).toArray().at(0).toObject();
    QCOMPARE(
        openai.value(QLatin1String("service_tiers")),
        overlay.value(QLatin1String("providers")).toArray().at(0).toObject().value(QLatin1String("service_tiers")));
    const QJsonObject o3 = openai.value(QLatin1String("models")).toArray().at(0).toObject();
    const QJsonObject base = o3.value(QLatin1String("versions")).toArray().at(0).toObject();
    QCOMPARE(base.value(QLatin1String("sources")).toArray().size(), 2);
    QCOMPARE(base.value(QLatin1String("rates")).toObject().value(QLatin1String("web_search_per_1k")).toString(),
             QStringLiteral("10"));
    QCOMPARE(o3.value(QLatin1String("versions")).toArray().size(), 2);
    // A rate emptied is removed, not written as zero.
    edited.cacheRead.clear();
    const QJsonObject cleared = userprices::withPrice(overlay, edited, &list[0]);
    QCOMPARE(userprices::entries(cleared)[0].cacheRead, QString());
}

void TestUserPrices::newEntryStartsFromTheCurrentRates()
{
    PriceStore store(*m_ledger);
    const auto below = store.documentBelowUserPrices();
    QVERIFY(below.ok());
    // Anthropic writes 5-minute and 1-hour cache entries: the table's "cache write" is the 5-minute one, and the
    // 1-hour rate (and web searches) come along from the current version.
    const UserPrice sonnet = price("anthropic", "claude-sonnet-4-5", "2026-12-01", "2.5", "0.25", "3", "12");
    const QJsonObject seed = userprices::seedRates(*below, sonnet);
    QCOMPARE(seed.value(QLatin1String("cache_write_1h")).toString(), QStringLiteral("6"));
    const QJsonObject overlay = userprices::withPrice(userprices::emptyOverlay(), sonnet, nullptr, seed);
    const UserPrice stored = userprices::entries(overlay).at(0);
    QCOMPARE(stored.cacheWrite, QStringLiteral("3"));
    QVERIFY(stored.hasMore);
    QVERIFY(store.saveUserPrices(overlay).ok());
    const auto book = store.load();
    QVERIFY(book.ok());
    const std::int64_t dec = utcMs("2026-12-02T00:00:00Z");
    QCOMPARE(rate(**book, "anthropic", "claude-sonnet-4-5", RateKey::CacheWrite5m, dec), 3'000'000);
    QCOMPARE(rate(**book, "anthropic", "claude-sonnet-4-5", RateKey::CacheWrite1h, dec), 6'000'000);
    QCOMPARE(rate(**book, "anthropic", "claude-sonnet-4-5", RateKey::Input, dec), 2'500'000);
    // Before the new version, the shipped price.
    QCOMPARE(rate(**book, "anthropic", "claude-sonnet-4-5", RateKey::Input), 3'000'000);
    // A model the book does not know starts from nothing.
    QVERIFY(userprices::seedRates(*below, price("acme", "x", "", "1", "", "", "")).isEmpty());
}

void TestUserPrices::movedAndRemovedEntries()
{
    const UserPrice a = price("acme", "one", "", "1", "", "", "2");
    const UserPrice b = price("acme", "two", "2026-01-01", "3", "", "", "4");
    QJsonObject overlay = userprices::withPrice(userprices::emptyOverlay(), a);
    overlay = userprices::withPrice(overlay, b);
    QCOMPARE(userprices::entries(overlay).size(), 2);
    // Editing the start moves the version; the same key again edits it in place.
    UserPrice moved = b;
    moved.effectiveFrom = QStringLiteral("2026-02-01");
    overlay = userprices::withPrice(overlay, moved, &b);
    QList<UserPrice> list = userprices::entries(overlay);
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[1].fromLabel(), QStringLiteral("2026-02-01"));
    QVERIFY(list[1].sameVersion(moved));
    overlay = userprices::withPrice(overlay, price("acme", "two", "2026-02-01", "5", "", "", "6"));
    list = userprices::entries(overlay);
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[1].input, QStringLiteral("5"));
    // Removing the last version of a model drops the model, then the provider.
    overlay = userprices::withoutPrice(overlay, list[1]);
    QCOMPARE(userprices::entries(overlay).size(), 1);
    overlay = userprices::withoutPrice(overlay, a);
    QCOMPARE(userprices::entries(overlay).size(), 0);
    QCOMPARE(overlay.value(QLatin1String("providers")).toArray().size(), 0);
    // An empty file is a valid one: the book is the shipped one again.
    PriceStore store(*m_ledger);
    QVERIFY(store.saveUserPrices(overlay).ok());
    QVERIFY(store.load().ok());
    QCOMPARE(rate(**store.load(), "openai", "gpt-4o-mini", RateKey::Input), 150'000);
}

void TestUserPrices::invalidPricesKeepTheOldFile()
{
    PriceStore store(*m_ledger);
    const QJsonObject good =
        userprices::withPrice(userprices::emptyOverlay(), price("acme", "one", "", "1", "", "", "2"));
    QVERIFY(store.saveUserPrices(good).ok());
    const QByteArray before = fileBytes(store.userPricesPath());
    const QString bookBefore = (*store.load())->id();

    // Two versions that start at the same instant, written two ways: the book refuses it, in one line.
    QJsonObject clash = userprices::withPrice(good, price("acme", "one", "2026-01-01", "1", "", "", "2"));
    clash = userprices::withPrice(clash, price("acme", "one", "2026-01-01T00:00:00+00:00", "1", "", "", "3"));
    auto st = store.saveUserPrices(clash);
    QVERIFY(!st.ok());
    QCOMPARE(st.error(), QStringLiteral("acme/one: two versions start at 2026-01-01"));
    QCOMPARE(fileBytes(store.userPricesPath()), before);

    // A rate that is not a decimal (a hand-made overlay), and a document that is not an overlay.
    QJsonObject bad = good;
    QJsonArray providers = bad.value(QLatin1String("providers")).toArray();
    QJsonObject p = providers.at(0).toObject();
    QJsonArray models = p.value(QLatin1String("models")).toArray();
    QJsonObject m = models.at(0).toObject();
    m.insert(QStringLiteral("versions"),
             QJsonArray{QJsonObject{{QStringLiteral("effective_from"), QJsonValue::Null},
                                    {QStringLiteral("rates"), QJsonObject{{QStringLiteral("input"), "-1"}}}}});
    models.replace(0, m);
    p.insert(QStringLiteral("models"), models);
    providers.replace(0, p);
    bad.insert(QStringLiteral("providers"), providers);
    st = store.saveUserPrices(bad);
    QVERIFY(!st.ok());
    QVERIFY2(st.error().startsWith(QStringLiteral("acme/one@base: rate input: ")), qPrintable(st.error()));
    QVERIFY(!st.error().contains(QLatin1Char('\n')));
    QJsonObject notOverlay = good;
    notOverlay.insert(QStringLiteral("format"), QStringLiteral("something"));
    st = store.saveUserPrices(notOverlay);
    QCOMPARE(st.error(),
             QStringLiteral("prices.user.json: not a price overlay (format must be \"llm-spend-pricing-overlay\")"));
    QCOMPARE(fileBytes(store.userPricesPath()), before);
    QCOMPARE((*store.load())->id(), bookBefore);
}

void TestUserPrices::entryChecks_data()
{
    QTest::addColumn<UserPrice>("entry");
    QTest::addColumn<QString>("error");
    QTest::addRow("fine") << price("openai", "gpt-4o", "", "2.5", "1.25", "", "10") << QString();
    QTest::addRow("dated") << price("openai", "gpt-4o", "2026-11-01", "2.5", "", "", "") << QString();
    QTest::addRow("instant") << price("openai", "gpt-4o", "2026-11-01T09:30:00+01:00", "2", "", "", "") << QString();
    QTest::addRow("no provider") << price("", "gpt-4o", "", "1", "", "", "") << QStringLiteral("name the provider");
    QTest::addRow("no model") << price("openai", " ", "", "1", "", "", "") << QStringLiteral("name the model");
    QTest::addRow("space") << price("openai", "gpt 4o", "", "1", "", "", "")
                           << QStringLiteral("provider and model ids have no spaces");
    QTest::addRow("no rate") << price("openai", "gpt-4o", "", "", "", "", "")
                             << QStringLiteral("give at least one price");
    QTest::addRow("negative") << price("openai", "gpt-4o", "", "", "", "", "-1")
                              << QStringLiteral("output: -1 is negative");
    QTest::addRow("text") << price("openai", "gpt-4o", "", "", "cheap", "", "")
                          << QStringLiteral("cached input: \"cheap\" is not a decimal number");
    QTest::addRow("too fine") << price("openai", "gpt-4o", "", "0.0000001", "", "", "")
                              << QStringLiteral("input \"0.0000001\" has more than 6 decimals");
    QTest::addRow("bad date") << price("openai", "gpt-4o", "next week", "1", "", "", "")
                              << QStringLiteral(
                                     "the start \"next week\" is not a date (YYYY-MM-DD) or an RFC 3339 instant");
}

void TestUserPrices::entryChecks()
{
    QFETCH(UserPrice, entry);
    QFETCH(QString, error);
    QCOMPARE(userprices::check(entry), error);
}

QTEST_GUILESS_MAIN(TestUserPrices)
#include "tst_userprices.moc"
