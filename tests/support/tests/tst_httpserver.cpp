// The local HTTP server the provider tests talk to, exercised with a real QNetworkAccessManager and raw sockets.
#include "fixtures.h"
#include "httpserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

namespace burnrate::test {

namespace {

using ReplyPtr = std::unique_ptr<QNetworkReply>;

bool waitForFinished(QNetworkReply *reply, int timeoutMs = 10000)
{
    if (reply->isFinished()) {
        return true;
    }
    QSignalSpy finished(reply, &QNetworkReply::finished);
    return finished.wait(timeoutMs);
}

// Reads `count` complete responses (status line, headers, Content-Length body) from a raw socket.
QList<QPair<int, QByteArray>> readResponses(QTcpSocket &socket, int count, int timeoutMs = 5000)
{
    QList<QPair<int, QByteArray>> responses;
    QByteArray buffer;
    QElapsedTimer timer;
    timer.start();
    while (responses.size() < count && timer.elapsed() < timeoutMs) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd >= 0) {
            const QByteArray head = buffer.left(headerEnd).toLower();
            const qsizetype lengthAt = head.indexOf("content-length:");
            const qsizetype lengthEnd = head.indexOf("\r\n", lengthAt);
            const qsizetype length =
                head.mid(lengthAt + 15, lengthEnd < 0 ? -1 : lengthEnd - lengthAt - 15).trimmed().toLongLong();
            if (buffer.size() >= headerEnd + 4 + length) {
                responses.append({buffer.mid(9, 3).toInt(), buffer.mid(headerEnd + 4, length)});
                buffer.remove(0, headerEnd + 4 + length);
                continue;
            }
        }
        if (socket.bytesAvailable() == 0) {
            // The server lives on this thread: spin the event loop, never block in waitForReadyRead().
            QTest::qWait(10);
        }
        buffer.append(socket.readAll());
    }
    return responses;
}

} // namespace

class HttpServerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void getWithQueryAndHeaders();
    void postBody();
    void unknownRouteIs404();
    void wrongMethodIs405();
    void delayedAnswer();
    void hangEndsInClientTimeout();
    void truncatedBodyIsAnError();
    void concurrentRequests();
    void keepAliveReusesOneConnection();
    void requestSplitAcrossWrites();
    void pipelinedRequestsAnswerInOrder();
    void malformedRequestIs400();
    void fixtureReplay();
    void missingFixtureIs500();
    void serversGetTheirOwnPorts();

private:
    ReplyPtr get(const QString &pathAndQuery, int transferTimeoutMs = 0);

    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_manager;
};

void HttpServerTest::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    QVERIFY(m_server->port() != 0);
    m_manager = std::make_unique<QNetworkAccessManager>();
    // An http_proxy in the environment must not send loopback requests elsewhere.
    m_manager->setProxy(QNetworkProxy::NoProxy);
}

void HttpServerTest::cleanup()
{
    m_manager.reset();
    m_server.reset();
}

ReplyPtr HttpServerTest::get(const QString &pathAndQuery, int transferTimeoutMs)
{
    QNetworkRequest request(m_server->url(pathAndQuery));
    if (transferTimeoutMs > 0) {
        request.setTransferTimeout(transferTimeoutMs);
    }
    return ReplyPtr(m_manager->get(request));
}

void HttpServerTest::getWithQueryAndHeaders()
{
    HttpResponse answer = HttpResponse::json(R"({"ok":true})");
    answer.headers.emplaceBack("X-Request-Id", "req-42");
    m_server->route("GET", QStringLiteral("/v1/organization/costs"), answer);

    QNetworkRequest request(m_server->url(
        QStringLiteral("/v1/organization/costs?start_time=1730419200&group_by=project_id&group_by=line_item"
                       "&note=a%20b%2Bc")));
    request.setRawHeader("Authorization", "Bearer sk-test");
    request.setRawHeader("X-Burnrate-Test", "yes");
    const ReplyPtr reply(m_manager->get(request));
    QVERIFY(waitForFinished(reply.get()));

    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("application/json"));
    QCOMPARE(reply->rawHeader("X-Request-Id"), QByteArray("req-42"));
    QCOMPARE(reply->readAll(), QByteArray(R"({"ok":true})"));

    QCOMPARE(m_server->requests().size(), 1);
    const HttpRequest seen = m_server->requests().constFirst();
    QCOMPARE(seen.method, QByteArray("GET"));
    QCOMPARE(seen.version, QByteArray("HTTP/1.1"));
    QCOMPARE(seen.path, QStringLiteral("/v1/organization/costs"));
    QCOMPARE(seen.query.queryItemValue(QStringLiteral("start_time")), QStringLiteral("1730419200"));
    QCOMPARE(seen.query.allQueryItemValues(QStringLiteral("group_by")),
             QStringList({QStringLiteral("project_id"), QStringLiteral("line_item")}));
    QCOMPARE(seen.query.queryItemValue(QStringLiteral("note"), QUrl::FullyDecoded), QStringLiteral("a b+c"));
    QCOMPARE(seen.headers.value("authorization"), QByteArray("Bearer sk-test"));
    QCOMPARE(seen.header("X-Burnrate-Test"), QByteArray("yes"));
    QVERIFY(!seen.headers.contains("Authorization"));
    QVERIFY(seen.body.isEmpty());
}

void HttpServerTest::postBody()
{
    m_server->route("POST", QStringLiteral("/echo"), [](const HttpRequest &request) {
        HttpResponse response = HttpResponse::json(request.body, 201);
        response.contentType = request.header("content-type");
        return response;
    });
    // Large enough to arrive in several reads.
    QByteArray body;
    for (int i = 0; i < 20000; ++i) {
        body += "line " + QByteArray::number(i) + '\n';
    }
    QNetworkRequest request(m_server->url(QStringLiteral("/echo")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
    const ReplyPtr reply(m_manager->post(request, body));
    QVERIFY(waitForFinished(reply.get()));

    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("text/plain"));
    QCOMPARE(reply->readAll(), body);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->requests().constFirst().body, body);
    QCOMPARE(m_server->requests().constFirst().header("content-length"), QByteArray::number(body.size()));
}

void HttpServerTest::unknownRouteIs404()
{
    const ReplyPtr reply = get(QStringLiteral("/nowhere?x=1"));
    QVERIFY(waitForFinished(reply.get()));

    QCOMPARE(reply->error(), QNetworkReply::ContentNotFoundError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    const QJsonObject error =
        QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("not_found"));
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("GET /nowhere")));
    QCOMPARE(m_server->requests().size(), 1);
}

void HttpServerTest::wrongMethodIs405()
{
    m_server->route("POST", QStringLiteral("/only-post"), HttpResponse{});
    const ReplyPtr reply = get(QStringLiteral("/only-post"));
    QVERIFY(waitForFinished(reply.get()));

    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
    QCOMPARE(reply->rawHeader("Allow"), QByteArray("POST"));
}

void HttpServerTest::delayedAnswer()
{
    HttpResponse slow = HttpResponse::json("{}");
    slow.delayMs = 400;
    m_server->route("GET", QStringLiteral("/slow"), slow);

    QElapsedTimer timer;
    timer.start();
    const ReplyPtr reply = get(QStringLiteral("/slow"));
    QVERIFY(waitForFinished(reply.get()));

    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QVERIFY2(timer.elapsed() >= 400, qPrintable(QStringLiteral("answered after %1 ms").arg(timer.elapsed())));
    QCOMPARE(reply->readAll(), QByteArray("{}"));
}

void HttpServerTest::hangEndsInClientTimeout()
{
    HttpResponse never;
    never.hang = true;
    m_server->route("GET", QStringLiteral("/hang"), never);

    QElapsedTimer timer;
    timer.start();
    const ReplyPtr reply = get(QStringLiteral("/hang"), 300);
    QVERIFY(waitForFinished(reply.get()));

    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QVERIFY(timer.elapsed() >= 250);          // Qt's transfer timeout is a coarse timer: it may fire up to 5 % early
    QCOMPARE(m_server->requests().size(), 1); // the request did arrive; only the answer never came
}

void HttpServerTest::truncatedBodyIsAnError()
{
    HttpResponse cut = HttpResponse::json(R"({"data":[1,2,3)");
    cut.truncate = true;
    m_server->route("GET", QStringLiteral("/cut"), cut);

    const ReplyPtr reply = get(QStringLiteral("/cut"), 5000);
    QVERIFY(waitForFinished(reply.get()));

    QVERIFY2(reply->error() != QNetworkReply::NoError, "a short body must not look like a success");
    QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
}

void HttpServerTest::concurrentRequests()
{
    m_server->route("GET", QStringLiteral("/item"), [](const HttpRequest &request) {
        HttpResponse response = HttpResponse::json(request.query.queryItemValue(QStringLiteral("id")).toUtf8());
        response.delayMs = 500;
        return response;
    });

    constexpr int Count = 6;
    QElapsedTimer timer;
    timer.start();
    std::vector<ReplyPtr> replies;
    for (int i = 0; i < Count; ++i) {
        replies.push_back(get(QStringLiteral("/item?id=%1").arg(i)));
    }
    for (int i = 0; i < Count; ++i) {
        QVERIFY(waitForFinished(replies[i].get()));
        QCOMPARE(replies[i]->error(), QNetworkReply::NoError);
        QCOMPARE(replies[i]->readAll(), QByteArray::number(i));
    }
    // One after the other would take Count * 500 ms.
    QVERIFY2(timer.elapsed() < Count * 500 - 1000, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));
    QVERIFY2(m_server->connectionsAccepted() > 1, "several clients were served at once");
    QCOMPARE(m_server->requests().size(), Count);
}

void HttpServerTest::keepAliveReusesOneConnection()
{
    m_server->route("GET", QStringLiteral("/ping"), HttpResponse::json("pong"));
    for (int i = 0; i < 3; ++i) {
        const ReplyPtr reply = get(QStringLiteral("/ping"));
        QVERIFY(waitForFinished(reply.get()));
        QCOMPARE(reply->readAll(), QByteArray("pong"));
    }
    QCOMPARE(m_server->requests().size(), 3);
    QCOMPARE(m_server->connectionsAccepted(), 1);
}

void HttpServerTest::requestSplitAcrossWrites()
{
    m_server->route("POST", QStringLiteral("/echo"),
                    [](const HttpRequest &request) { return HttpResponse::json(request.body); });
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));

    const QList<QByteArray> pieces{"POST /ec", "ho HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le", "ngth: 11\r\n\r",
                                   "\nhello", " world"};
    for (const QByteArray &piece : pieces) {
        QVERIFY(m_server->requests().isEmpty());
        socket.write(piece);
        QVERIFY(socket.waitForBytesWritten(1000));
        QTest::qWait(30);
    }
    const auto responses = readResponses(socket, 1);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.constFirst().first, 200);
    QCOMPARE(responses.constFirst().second, QByteArray("hello world"));
}

void HttpServerTest::pipelinedRequestsAnswerInOrder()
{
    HttpResponse first = HttpResponse::json("first");
    first.delayMs = 200;
    m_server->route("GET", QStringLiteral("/first"), first);
    m_server->route("GET", QStringLiteral("/second"), HttpResponse::json("second"));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));

    socket.write("GET /first HTTP/1.1\r\nHost: a\r\n\r\nGET /second HTTP/1.1\r\nHost: a\r\n\r\n");
    const auto responses = readResponses(socket, 2);
    QCOMPARE(responses.size(), 2);
    QCOMPARE(responses.at(0).second, QByteArray("first"));
    QCOMPARE(responses.at(1).second, QByteArray("second"));
    QCOMPARE(m_server->connectionsAccepted(), 1);
}

void HttpServerTest::malformedRequestIs400()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("NONSENSE\r\n\r\n");
    const auto responses = readResponses(socket, 1);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.constFirst().first, 400);
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
    QVERIFY(m_server->requests().isEmpty());
}

void HttpServerTest::fixtureReplay()
{
    const QString path = fixturePath(QStringLiteral("providers/openai-costs.json"));
    QFile fixture(path);
    QVERIFY2(fixture.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray expected = fixture.readAll();
    m_server->route("GET", QStringLiteral("/v1/organization/costs"), HttpResponse::fromFile(path));

    const ReplyPtr reply = get(QStringLiteral("/v1/organization/costs?start_time=1730419200"));
    QVERIFY(waitForFinished(reply.get()));

    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("application/json"));
    const QByteArray body = reply->readAll();
    QCOMPARE(body, expected);
    const QJsonDocument page = QJsonDocument::fromJson(body);
    QCOMPARE(page[u"object"].toString(), QStringLiteral("page"));
    QCOMPARE(page[u"data"][0][u"results"][0][u"amount"][u"value"].toDouble(), 0.06);
}

void HttpServerTest::missingFixtureIs500()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot read fixture .*no-such-file")));
    m_server->route("GET", QStringLiteral("/gone"),
                    HttpResponse::fromFile(fixturePath(QStringLiteral("providers/no-such-file.json"))));
    const ReplyPtr reply = get(QStringLiteral("/gone"));
    QVERIFY(waitForFinished(reply.get()));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 500);
    QVERIFY(reply->readAll().contains("fixture_missing"));
}

void HttpServerTest::serversGetTheirOwnPorts()
{
    LocalHttpServer other;
    QVERIFY(other.listen());
    QVERIFY(other.port() != m_server->port());
    other.route("GET", QStringLiteral("/who"), HttpResponse::json("other"));
    m_server->route("GET", QStringLiteral("/who"), HttpResponse::json("main"));

    const ReplyPtr fromOther(m_manager->get(QNetworkRequest(other.url(QStringLiteral("/who")))));
    const ReplyPtr fromMain = get(QStringLiteral("/who"));
    QVERIFY(waitForFinished(fromOther.get()));
    QVERIFY(waitForFinished(fromMain.get()));
    QCOMPARE(fromOther->readAll(), QByteArray("other"));
    QCOMPARE(fromMain->readAll(), QByteArray("main"));
    QCOMPARE(other.baseUrl().toString(), QStringLiteral("http://127.0.0.1:%1").arg(other.port()));
}

} // namespace burnrate::test

QTEST_GUILESS_MAIN(burnrate::test::HttpServerTest)

#include "tst_httpserver.moc"
