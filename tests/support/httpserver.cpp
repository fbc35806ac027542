#include "httpserver.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace burnrate::test {

namespace {

constexpr qsizetype MaxHeaderBytes = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

QByteArray errorBody(const QByteArray &type, const QString &message)
{
    const QJsonObject error{{QStringLiteral("type"), QString::fromLatin1(type)}, {QStringLiteral("message"), message}};
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact);
}

bool hasHeader(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name)
{
    return std::any_of(headers.cbegin(), headers.cend(),
                       [&](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

HttpResponse badRequest(int status, const char *message)
{
    return HttpResponse::json(errorBody("bad_request", QString::fromLatin1(message)), status);
}

} // namespace

HttpResponse HttpResponse::json(const QByteArray &body, int status)
{
    HttpResponse response;
    response.status = status;
    response.body = body;
    return response;
}

HttpResponse HttpResponse::fromFile(const QString &path, int status)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("LocalHttpServer: cannot read fixture %s: %s", qUtf8Printable(path),
                 qUtf8Printable(file.errorString()));
        return json(
            errorBody("fixture_missing", QStringLiteral("cannot read fixture %1: %2").arg(path, file.errorString())),
            500);
    }
    HttpResponse response = json(file.readAll(), status);
    if (!path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) {
        response.contentType = "text/plain; charset=utf-8";
    }
    return response;
}

LocalHttpServer::LocalHttpServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &LocalHttpServer::acceptConnections);
}

LocalHttpServer::~LocalHttpServer()
{
    // The sockets are children of m_server, which outlives this body: drop them while the members they reach
    // through their connections still exist.
    const QList<QTcpSocket *> sockets = m_connections.keys();
    m_connections.clear();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
    m_server.close();
}

bool LocalHttpServer::listen()
{
    if (m_server.isListening()) {
        return true;
    }
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        qWarning("LocalHttpServer: cannot listen: %s", qUtf8Printable(m_server.errorString()));
        return false;
    }
    return true;
}

quint16 LocalHttpServer::port() const
{
    return m_server.serverPort();
}

QUrl LocalHttpServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

QUrl LocalHttpServer::url(const QString &pathAndQuery) const
{
    return baseUrl().resolved(QUrl(pathAndQuery, QUrl::StrictMode));
}

void LocalHttpServer::route(const QByteArray &method, const QString &path, Handler handler)
{
    m_routes.insert({method.toUpper(), path}, std::move(handler));
}

void LocalHttpServer::route(const QByteArray &method, const QString &path, const HttpResponse &response)
{
    route(method, path, [response](const HttpRequest &) { return response; });
}

void LocalHttpServer::acceptConnections()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_connectionsAccepted;
        m_connections.insert(socket, Connection{});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { processBuffer(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { forget(socket); });
        if (socket->bytesAvailable() > 0) {
            processBuffer(socket);
        }
    }
}

void LocalHttpServer::forget(QTcpSocket *socket)
{
    if (m_connections.remove(socket) > 0) {
        socket->deleteLater();
    }
}

void LocalHttpServer::processBuffer(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end()) {
        return;
    }
    it->buffer.append(socket->readAll());
    while (!it->busy && !it->hung) {
        HttpRequest request;
        HttpResponse rejection;
        const Parse parsed = takeRequest(*it, request, rejection);
        if (parsed == Parse::Incomplete) {
            return;
        }
        if (parsed == Parse::Invalid) {
            it->hung = true; // read nothing more from it
            send(socket, rejection, false);
            return;
        }

        m_requests.append(request);
        Q_EMIT requestReceived(request.method, request.path);
        const QByteArray connectionHeader = request.header("connection").toLower();
        const bool keepAlive =
            request.version == "HTTP/1.0" ? connectionHeader == "keep-alive" : connectionHeader != "close";
        const HttpResponse response = dispatch(request);
        // The handler or a slot may have run anything; look the connection up again.
        it = m_connections.find(socket);
        if (it == m_connections.end()) {
            return;
        }
        if (response.hang) {
            it->hung = true;
            return;
        }
        if (response.dripMs > 0 || response.streamBytes > 0) {
            it->hung = true; // the answer ends the connection
            sendSlowly(socket, response);
            return;
        }
        if (response.delayMs > 0) {
            it->busy = true;
            QTimer::singleShot(response.delayMs, Qt::PreciseTimer, socket, [this, socket, response, keepAlive] {
                auto pending = m_connections.find(socket);
                if (pending == m_connections.end()) {
                    return;
                }
                pending->busy = false;
                send(socket, response, keepAlive);
                if (keepAlive && !response.truncate) {
                    processBuffer(socket);
                }
            });
            return;
        }
        send(socket, response, keepAlive);
        if (!keepAlive || response.truncate) {
            return;
        }
    }
}

LocalHttpServer::Parse LocalHttpServer::takeRequest(Connection &connection, HttpRequest &request,
                                                    HttpResponse &rejection) const
{
    const qsizetype headerEnd = connection.buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (connection.buffer.size() > MaxHeaderBytes) {
            rejection = badRequest(431, "request header too large");
            return Parse::Invalid;
        }
        return Parse::Incomplete;
    }

    const QList<QByteArray> lines = connection.buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        rejection = badRequest(400, "malformed request line");
        return Parse::Invalid;
    }
    request.method = requestLine.at(0).toUpper();
    request.target = requestLine.at(1);
    request.version = requestLine.at(2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            rejection = badRequest(400, "malformed header line");
            return Parse::Invalid;
        }
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        QByteArray &merged = request.headers[name];
        merged = merged.isEmpty() ? value : merged + ", " + value;
    }
    if (request.headers.contains("transfer-encoding")) {
        rejection = badRequest(501, "chunked request bodies are not supported");
        return Parse::Invalid;
    }

    qint64 contentLength = 0;
    if (request.headers.contains("content-length")) {
        bool ok = false;
        contentLength = request.headers.value("content-length").toLongLong(&ok);
        if (!ok || contentLength < 0) {
            rejection = badRequest(400, "bad Content-Length");
            return Parse::Invalid;
        }
    }
    const qsizetype bodyStart = headerEnd + 4;
    if (connection.buffer.size() - bodyStart < contentLength) {
        return Parse::Incomplete;
    }

    request.body = connection.buffer.mid(bodyStart, contentLength);
    connection.buffer.remove(0, bodyStart + contentLength);
    const QUrl url = QUrl::fromEncoded(request.target);
    request.path = url.path(QUrl::FullyDecoded);
    request.query = QUrlQuery(url);
    return Parse::Complete;
}

HttpResponse LocalHttpServer::dispatch(const HttpRequest &request) const
{
    const auto match = m_routes.constFind({request.method, request.path});
    if (match != m_routes.cend()) {
        return (*match)(request);
    }
    QList<QByteArray> allowed;
    for (auto it = m_routes.cbegin(); it != m_routes.cend(); ++it) {
        if (it.key().second == request.path) {
            allowed.append(it.key().first);
        }
    }
    const QString what = QStringLiteral("%1 %2").arg(QString::fromLatin1(request.method), request.path);
    if (allowed.isEmpty()) {
        return HttpResponse::json(errorBody("not_found", QStringLiteral("no route for %1").arg(what)), 404);
    }
    std::sort(allowed.begin(), allowed.end());
    HttpResponse response =
        HttpResponse::json(errorBody("method_not_allowed", QStringLiteral("no route for %1").arg(what)), 405);
    response.headers.append({"Allow", allowed.join(", ")});
    return response;
}

void LocalHttpServer::send(QTcpSocket *socket, const HttpResponse &response, bool keepAlive)
{
    const bool closeAfter = !keepAlive || response.truncate;
    const qsizetype announced =
        response.truncate ? response.body.size() + 16 + response.body.size() / 2 : response.body.size();
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty() && !hasHeader(response.headers, "content-type")) {
        head += "Content-Type: " + response.contentType + "\r\n";
    }
    head += "Content-Length: " + QByteArray::number(announced) + "\r\n";
    head += closeAfter ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    for (const auto &[name, value] : response.headers) {
        head += name + ": " + value + "\r\n";
    }
    head += "\r\n";
    socket->write(head);
    socket->write(response.body);
    if (closeAfter) {
        socket->disconnectFromHost();
    }
}

void LocalHttpServer::sendSlowly(QTcpSocket *socket, const HttpResponse &response)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    head += "Content-Type: " + response.contentType + "\r\n";
    if (response.dripMs > 0) {
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    }
    head += "Connection: close\r\n\r\n";
    socket->write(head);
    if (response.body.isEmpty()) {
        socket->disconnectFromHost();
        return;
    }
    if (response.dripMs > 0) {
        auto *timer = new QTimer(socket);
        auto next = std::make_shared<qsizetype>(0);
        connect(timer, &QTimer::timeout, socket, [this, socket, timer, next, body = response.body] {
            if (socket->state() != QAbstractSocket::ConnectedState) {
                timer->stop();
                return;
            }
            socket->write(body.mid((*next)++, 1));
            ++m_streamedBytes;
            if (*next == body.size()) {
                timer->stop();
                socket->disconnectFromHost();
            }
        });
        timer->start(response.dripMs);
        return;
    }
    // Stream: keep about 1 MB queued in the socket, refilled as the peer reads it.
    constexpr qint64 Queued = 1 << 20;
    auto left = std::make_shared<qint64>(response.streamBytes);
    const auto refill = [this, socket, left, body = response.body] {
        while (*left > 0 && socket->bytesToWrite() < Queued && socket->state() == QAbstractSocket::ConnectedState) {
            const QByteArray piece = body.left(static_cast<qsizetype>(std::min<qint64>(*left, body.size())));
            socket->write(piece);
            *left -= piece.size();
            m_streamedBytes += piece.size();
        }
        if (*left == 0) {
            *left = -1;
            socket->disconnectFromHost();
        }
    };
    connect(socket, &QTcpSocket::bytesWritten, socket, refill);
    refill();
}

} // namespace burnrate::test
