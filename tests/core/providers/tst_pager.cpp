// The pager over a real local HTTP server (many pages with the same parameters, a repeating cursor, the page cap)
// and the BURNRATE_<PROVIDER>_BASE_URL rule.
#include "httpserver.h"
#include "providers/baseurl.h"
#include "providers/httpclient.h"
#include "providers/pager.h"
#include "util/clock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

namespace {

HttpPolicy fastPolicy()
{
    HttpPolicy p;
    p.timeoutMs = 5000;
    p.maxAttempts = 2;
    p.backoffBaseMs = 20;
    p.maxPages = 50;
    return p;
}

} // namespace

class TestPager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void baseUrlOverride_data();
    void baseUrlOverride();
    void pagerFollowsManyPages();
    void pagerStopsOnRepeatingCursor();
    void pagerStopsAtPageCap();

private:
    std::unique_ptr<LocalHttpServer> m_server;
    SystemClock m_clock; // paging does not look at the time
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<HttpClient> m_http;
};

void TestPager::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_http = std::make_unique<HttpClient>(*m_nam, m_clock, fastPolicy());
}

void TestPager::cleanup()
{
    m_http.reset();
    m_nam.reset();
    m_server.reset();
}

void TestPager::baseUrlOverride_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // empty = rejected
    QTest::addRow("origin") << "https://api.openai.com"
                            << "https://api.openai.com";
    QTest::addRow("trailing slash") << "https://api.openai.com/"
                                    << "https://api.openai.com";
    QTest::addRow("v1") << "https://api.openai.com/v1"
                        << "https://api.openai.com";
    QTest::addRow("v1 slash") << "https://api.openai.com/v1/"
                              << "https://api.openai.com";
    QTest::addRow("api v1") << "https://openrouter.ai/api/v1"
                            << "https://openrouter.ai";
    QTest::addRow("prefix kept") << "https://proxy.example/openai/v1"
                                 << "https://proxy.example/openai";
    QTest::addRow("loopback http") << "http://127.0.0.1:8080/v1"
                                   << "http://127.0.0.1:8080";
    QTest::addRow("remote http") << "http://proxy.example"
                                 << "";
    QTest::addRow("not a url") << "api.openai.com"
                               << "";
    QTest::addRow("query") << "https://api.openai.com/?x=1"
                           << "";
}

void TestPager::baseUrlOverride()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const auto env = [&](const QString &name) {
        return name == QLatin1String("BURNRATE_OPENAI_BASE_URL") ? value : QString();
    };
    const auto url = BaseUrl::resolve(QStringLiteral("openai"), QStringLiteral("https://api.openai.com"), env);
    if (expected.isEmpty()) {
        QVERIFY(!url.ok());
        QVERIFY2(url.error().startsWith(QStringLiteral("BURNRATE_OPENAI_BASE_URL")), qPrintable(url.error()));
        return;
    }
    QVERIFY2(url.ok(), qPrintable(url.error()));
    QCOMPARE(url->toString(), expected);
    QCOMPARE(BaseUrl::join(*url, QStringLiteral("/v1/organization/costs")).toString(),
             expected + QStringLiteral("/v1/organization/costs"));
}

void TestPager::pagerFollowsManyPages()
{
    constexpr int Pages = 40;
    m_server->route("GET", "/pages", [](const HttpRequest &req) {
        const int page = req.query.queryItemValue(QStringLiteral("page")).toInt();
        const bool more = page + 1 < Pages;
        return HttpResponse::json(QStringLiteral(R"({"n":%1,"next":"%2"})")
                                      .arg(page)
                                      .arg(more ? QString::number(page + 1) : QString())
                                      .toUtf8());
    });
    QList<int> seen;
    HttpError error;
    int pages = -1;
    Pager::fetchAll(
        *m_http,
        [&](const QString &cursor) {
            return QNetworkRequest(m_server->url(QStringLiteral("/pages?limit=7&page=") + cursor));
        },
        [&](const QByteArray &body) -> Result<QString> {
            const QJsonObject o = QJsonDocument::fromJson(body).object();
            seen << o.value(QStringLiteral("n")).toInt();
            return o.value(QStringLiteral("next")).toString();
        },
        [&](const HttpError &e, int n) {
            error = e;
            pages = n;
        });
    QTRY_COMPARE(pages, Pages);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QCOMPARE(seen.size(), Pages);
    QCOMPARE(seen.last(), Pages - 1);
    QCOMPARE(m_server->requests().size(), Pages);
    for (const HttpRequest &r : m_server->requests()) {
        QCOMPARE(r.query.queryItemValue(QStringLiteral("limit")), QStringLiteral("7")); // same params each time
    }
}

void TestPager::pagerStopsOnRepeatingCursor()
{
    m_server->route("GET", "/loop", HttpResponse::json(R"({"next":"page_AAAA"})"));
    HttpError error;
    int pages = -1;
    Pager::fetchAll(
        *m_http,
        [&](const QString &cursor) { return QNetworkRequest(m_server->url(QStringLiteral("/loop?page=") + cursor)); },
        [](const QByteArray &body) -> Result<QString> {
            return QJsonDocument::fromJson(body).object().value(QStringLiteral("next")).toString();
        },
        [&](const HttpError &e, int n) {
            error = e;
            pages = n;
        });
    QTRY_VERIFY(pages >= 0);
    QCOMPARE(error.kind, HttpError::Kind::CursorLoop);
    QCOMPARE(pages, 2); // the cursor came back on the second page
    QCOMPARE(m_server->requests().size(), 2);
    QVERIFY(error.message.contains(QStringLiteral("same page cursor twice")));
}

void TestPager::pagerStopsAtPageCap()
{
    int n = 0;
    m_server->route("GET", "/endless", [&](const HttpRequest &) {
        return HttpResponse::json(QStringLiteral(R"({"next":"c%1"})").arg(++n).toUtf8());
    });
    HttpError error;
    int pages = -1;
    Pager::fetchAll(
        *m_http, [&](const QString &) { return QNetworkRequest(m_server->url(QStringLiteral("/endless"))); },
        [](const QByteArray &body) -> Result<QString> {
            return QJsonDocument::fromJson(body).object().value(QStringLiteral("next")).toString();
        },
        [&](const HttpError &e, int p) {
            error = e;
            pages = p;
        });
    QTRY_VERIFY(pages >= 0);
    QCOMPARE(error.kind, HttpError::Kind::TooManyPages);
    QCOMPARE(pages, fastPolicy().maxPages);
    QCOMPARE(m_server->requests().size(), fastPolicy().maxPages);
}

QTEST_GUILESS_MAIN(TestPager)
#include "tst_pager.moc"
