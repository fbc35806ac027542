#ifndef BURNRATE_TESTS_SUPPORT_HTTPSERVER_H
#define BURNRATE_TESTS_SUPPORT_HTTPSERVER_H

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QTcpSocket;

namespace burnrate::test {

// One request as the server parsed it.
struct HttpRequest
{
    QByteArray method;                     // "GET", "POST", ...
    QByteArray target;                     // the raw request target, e.g. "/v1/costs?limit=7"
    QByteArray version;                    // "HTTP/1.1" or "HTTP/1.0"
    QString path;                          // decoded path without the query, e.g. "/v1/costs"
    QUrlQuery query;                       // the query items of the target
    QHash<QByteArray, QByteArray> headers; // lower-cased names; repeated headers joined with ", "
    QByteArray body;                       // exactly Content-Length bytes

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

// What a route answers. The defaults answer "200 OK" with an empty application/json body.
struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers, sent as given
    QByteArray contentType = "application/json";
    int delayMs = 0;        // wait this long before answering (other connections are served meanwhile)
    bool hang = false;      // read the request and never answer; the connection stays open
    bool truncate = false;  // announce a Content-Length larger than the body, send the body, then close
    int dripMs = 0;         // announce the body's length, then send it one byte every dripMs, then close
    qint64 streamBytes = 0; // send this many bytes of `body` repeated, without a length, as fast as the peer reads
                            // them, then close (a huge answer that the server never holds in memory)

    static HttpResponse json(const QByteArray &body, int status = 200);
    // Replays a fixture file as the body; a file that cannot be read gives a 500 whose body says so.
    static HttpResponse fromFile(const QString &path, int status = 200);
};

// A small HTTP/1.1 server on 127.0.0.1 and a random port, for tests that need a real network peer.
// Handles requests split across reads, pipelined and keep-alive requests, and any number of clients.
// Unknown paths give 404 with a JSON body; a known path with another method gives 405.
class LocalHttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    explicit LocalHttpServer(QObject *parent = nullptr);
    ~LocalHttpServer() override;

    bool listen();
    quint16 port() const;
    QUrl baseUrl() const;                        // http://127.0.0.1:<port>
    QUrl url(const QString &pathAndQuery) const; // baseUrl() plus "/path?query"

    void route(const QByteArray &method, const QString &path, Handler handler);
    void route(const QByteArray &method, const QString &path, const HttpResponse &response);

    QList<HttpRequest> requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }
    int connectionsAccepted() const { return m_connectionsAccepted; }
    // Body bytes written so far by drip and stream responses.
    qint64 streamedBytes() const { return m_streamedBytes; }

Q_SIGNALS:
    void requestReceived(const QByteArray &method, const QString &path);

private:
    struct Connection
    {
        QByteArray buffer;
        bool busy = false; // a delayed answer is pending; later pipelined requests wait for it
        bool hung = false; // a hang response: ignore the connection from now on
    };

    enum class Parse
    {
        Incomplete,
        Complete,
        Invalid
    };

    void acceptConnections();
    void processBuffer(QTcpSocket *socket);
    Parse takeRequest(Connection &connection, HttpRequest &request, HttpResponse &rejection) const;
    HttpResponse dispatch(const HttpRequest &request) const;
    void send(QTcpSocket *socket, const HttpResponse &response, bool keepAlive);
    void sendSlowly(QTcpSocket *socket, const HttpResponse &response);
    void forget(QTcpSocket *socket);

    QTcpServer m_server;
    QHash<QTcpSocket *, Connection> m_connections;
    QHash<QPair<QByteArray, QString>, Handler> m_routes;
    QList<HttpRequest> m_requests;
    int m_connectionsAccepted = 0;
    qint64 m_streamedBytes = 0;
};

} // namespace burnrate::test

#endif // BURNRATE_TESTS_SUPPORT_HTTPSERVER_H
