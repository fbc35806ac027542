#include "providers/httpclient.h"

#include "providers/baseurl.h"
#include "providers/providerslog.h"
#include "util/clock.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace burnrate {

namespace {

constexpr qsizetype MaxProviderMessage = 240;

// error.message (OpenAI, Anthropic, OpenRouter, DeepSeek), else message, else nothing.
QString providerMessageOf(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject()) {
        return QString();
    }
    const QJsonObject root = doc.object();
    QString message = root.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    if (message.isEmpty()) {
        message = root.value(QStringLiteral("message")).toString();
    }
    message = message.simplified();
    if (message.size() > MaxProviderMessage) {
        message = message.left(MaxProviderMessage) + QStringLiteral("…");
    }
    return message;
}

bool looksLikeHtml(const QByteArray &contentType, const QByteArray &body)
{
    if (contentType.contains("html")) {
        return true;
    }
    const QByteArray head = body.left(64).trimmed().toLower();
    return head.startsWith('<');
}

QString seconds(qint64 ms)
{
    return ms % 1000 == 0 ? QString::number(ms / 1000) : QString::number(static_cast<double>(ms) / 1000.0, 'f', 1);
}

} // namespace

bool HttpError::isRetryable() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Truncated:
    case Kind::RateLimited:
        return true;
    case Kind::Server:
        return status == 500 || status == 502 || status == 503 || status == 504 || (status >= 520 && status <= 529);
    default:
        return false;
    }
}

QString HttpError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("ok");
    case Kind::Insecure:
        return QStringLiteral("insecure");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Unauthorized:
        return QStringLiteral("unauthorized");
    case Kind::Forbidden:
        return QStringLiteral("forbidden");
    case Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case Kind::Server:
        return QStringLiteral("server-error");
    case Kind::Client:
        return QStringLiteral("refused");
    case Kind::Redirected:
        return QStringLiteral("redirected");
    case Kind::Truncated:
        return QStringLiteral("truncated");
    case Kind::NotJson:
        return QStringLiteral("not-json");
    case Kind::Malformed:
        return QStringLiteral("malformed");
    case Kind::TooManyPages:
        return QStringLiteral("too-many-pages");
    case Kind::CursorLoop:
        return QStringLiteral("cursor-loop");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QString();
}

void HttpClient::ReplyDeleter::operator()(QNetworkReply *reply) const
{
    if (reply) {
        reply->disconnect();
        reply->deleteLater();
    }
}

HttpClient::HttpClient(QNetworkAccessManager &nam, const Clock &clock, HttpPolicy policy, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_clock(clock)
    , m_policy(policy)
    , m_jitter([] { return QRandomGenerator::global()->generateDouble(); })
    , m_timeout(new QTimer(this))
    , m_retryTimer(new QTimer(this))
    , m_deadline(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    m_retryTimer->setSingleShot(true);
    m_deadline->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, &HttpClient::onTimeout);
    connect(m_deadline, &QTimer::timeout, this, &HttpClient::onDeadline);
    connect(m_retryTimer, &QTimer::timeout, this, &HttpClient::startAttempt);
}

HttpClient::~HttpClient()
{
    if (m_reply) {
        m_reply->abort();
    }
}

void HttpClient::addSecret(const QString &secret)
{
    if (!secret.isEmpty() && !m_secrets.contains(secret)) {
        m_secrets << secret;
    }
}

QString HttpClient::scrub(QString text) const
{
    for (const QString &s : m_secrets) {
        text.replace(s, QStringLiteral("[key]"));
    }
    return text;
}

int HttpClient::backoffMs(int retry) const
{
    const double base = static_cast<double>(m_policy.backoffBaseMs) * std::pow(2.0, std::min(retry, 20));
    const double jittered = base * (0.5 + std::clamp(m_jitter(), 0.0, 1.0));
    return static_cast<int>(std::min(jittered, static_cast<double>(m_policy.backoffMaxMs)));
}

qint64 HttpClient::parseRetryAfterMs(const QByteArray &value, qint64 nowMs)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty()) {
        return -1;
    }
    bool ok = false;
    const qint64 secs = v.toLongLong(&ok);
    if (ok) {
        return secs < 0 ? -1 : secs * 1000;
    }
    // An HTTP date ends in "GMT", which Qt's RFC 2822 parser wants as a numeric offset.
    QString text = QString::fromLatin1(v);
    if (text.endsWith(QLatin1String(" GMT")) || text.endsWith(QLatin1String(" UTC"))) {
        text = text.left(text.size() - 4) + QStringLiteral(" +0000");
    }
    const QDateTime at = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!at.isValid()) {
        return -1;
    }
    return std::max<qint64>(0, at.toMSecsSinceEpoch() - nowMs);
}

void HttpClient::get(const QNetworkRequest &request, Callback done)
{
    m_queue.append(Pending{request, std::move(done), 0});
    if (!m_current) {
        // Always asynchronous, even for a refused URL.
        QTimer::singleShot(0, this, &HttpClient::startNext);
    }
}

void HttpClient::cancelAll()
{
    m_queue.clear();
    m_retryTimer->stop();
    if (m_current) {
        HttpResult r;
        r.error.kind = HttpError::Kind::Cancelled;
        r.error.message = QStringLiteral("cancelled");
        m_timeout->stop();
        m_deadline->stop();
        m_reply.reset();
        finish(r);
    }
}

void HttpClient::startNext()
{
    if (m_current || m_queue.isEmpty()) {
        return;
    }
    m_current = std::make_unique<Pending>(m_queue.takeFirst());
    const QUrl url = m_current->request.url();
    if (!BaseUrl::isAllowed(url)) {
        HttpResult r;
        r.error.kind = HttpError::Kind::Insecure;
        r.error.message = QStringLiteral("refusing to send a key over plain http to %1 (https only, except to this "
                                         "computer)")
                              .arg(url.host());
        finish(r);
        return;
    }
    startAttempt();
}

void HttpClient::startAttempt()
{
    if (!m_current) {
        return;
    }
    QNetworkRequest request = m_current->request;
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Burnrate/" BURNRATE_VERSION));
    m_timedOut = false;
    m_tooSlow = false;
    m_tooLarge = false;
    m_received = 0;
    m_reply.reset(m_nam.get(request));
    ++m_requestsSent;
    QNetworkReply *reply = m_reply.get();
    connect(reply, &QNetworkReply::finished, this, &HttpClient::onFinished);
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] {
        bool known = false;
        const qint64 announced = reply->rawHeader("Content-Length").toLongLong(&known);
        if (known && announced > m_policy.maxBodyBytes) {
            m_tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64) {
        m_timeout->start(m_policy.timeoutMs);
        m_received = received;
        if (received > m_policy.maxBodyBytes) {
            m_tooLarge = true;
            reply->abort();
        }
    });
    m_timeout->start(m_policy.timeoutMs);
    m_deadline->start(m_policy.deadlineMs);
}

void HttpClient::onTimeout()
{
    if (m_reply) {
        m_timedOut = true;
        m_reply->abort(); // finished() follows
    }
}

void HttpClient::onDeadline()
{
    if (m_reply) {
        m_tooSlow = true;
        m_reply->abort(); // finished() follows
    }
}

void HttpClient::onFinished()
{
    m_timeout->stop();
    m_deadline->stop();
    if (!m_reply || !m_current) {
        return;
    }
    HttpResult result = evaluate(*m_reply);
    m_reply.reset();
    result.attempts = ++m_current->attempt;
    if (result.error.isRetryable() && m_current->attempt < m_policy.maxAttempts) {
        const qint64 retryAfter = result.error.retryAfterMs;
        if (retryAfter <= m_policy.maxRetryAfterMs) {
            const qint64 wait = retryAfter >= 0 ? retryAfter : backoffMs(m_current->attempt - 1);
            qCDebug(lcProviders).noquote()
                << objectName()
                << QStringLiteral("retry %1 of %2 in %3 ms (%4) after %5")
                       .arg(m_current->attempt)
                       .arg(m_policy.maxAttempts - 1)
                       .arg(wait)
                       .arg(retryAfter >= 0 ? QStringLiteral("Retry-After") : QStringLiteral("backoff"),
                            result.status > 0 ? QStringLiteral("HTTP %1").arg(result.status)
                                              : HttpError::kindName(result.error.kind));
            m_retryTimer->start(static_cast<int>(wait));
            return;
        }
    }
    finish(std::move(result));
}

void HttpClient::finish(HttpResult result)
{
    result.error.message = scrub(result.error.message);
    result.error.providerMessage = scrub(result.error.providerMessage);
    const std::unique_ptr<Pending> done = std::move(m_current);
    QPointer<HttpClient> self(this);
    if (done && done->done) {
        done->done(result);
    }
    if (self && !m_queue.isEmpty()) {
        QTimer::singleShot(0, this, &HttpClient::startNext);
    }
}

HttpError HttpClient::errorFromStatus(int status, const QByteArray &body, const QByteArray &retryAfter) const
{
    HttpError e;
    e.status = status;
    e.providerMessage = providerMessageOf(body);
    const QString detail = e.providerMessage.isEmpty() ? QString() : QStringLiteral(": ") + e.providerMessage;
    if (status == 401) {
        e.kind = HttpError::Kind::Unauthorized;
        e.message = QStringLiteral("the key was rejected (HTTP 401%1)").arg(detail);
    } else if (status == 403) {
        e.kind = HttpError::Kind::Forbidden;
        e.message = QStringLiteral("the key is not allowed to read this (HTTP 403%1)").arg(detail);
    } else if (status == 429) {
        e.kind = HttpError::Kind::RateLimited;
        e.retryAfterMs = parseRetryAfterMs(retryAfter, m_clock.nowMs());
        e.message = e.retryAfterMs >= 0 ? QStringLiteral("rate limited by the provider (HTTP 429); it asked to wait "
                                                         "%1 s")
                                              .arg(seconds(e.retryAfterMs))
                                        : QStringLiteral("rate limited by the provider (HTTP 429%1)").arg(detail);
    } else if (status >= 500) {
        e.kind = HttpError::Kind::Server;
        e.retryAfterMs = parseRetryAfterMs(retryAfter, m_clock.nowMs());
        e.message = QStringLiteral("the provider had a server error (HTTP %1%2)").arg(status).arg(detail);
    } else {
        e.kind = HttpError::Kind::Client;
        e.message = QStringLiteral("the provider refused the request (HTTP %1%2)").arg(status).arg(detail);
    }
    return e;
}

HttpResult HttpClient::evaluate(QNetworkReply &reply)
{
    HttpResult r;
    const QString host = reply.url().host();
    r.status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply.isOpen()) {
        r.body = reply.readAll();
    }
    if (m_timedOut) {
        r.error.kind = HttpError::Kind::Timeout;
        r.error.message =
            QStringLiteral("no answer from %1 within %2 s (timeout)").arg(host, seconds(m_policy.timeoutMs));
        return r;
    }
    if (m_tooSlow) {
        r.error.kind = HttpError::Kind::Timeout;
        r.error.message = QStringLiteral("%1 sent its answer too slowly (%2 bytes in %3 s); stopped")
                              .arg(host)
                              .arg(m_received)
                              .arg(seconds(m_policy.deadlineMs));
        return r;
    }
    if (m_tooLarge) {
        r.error.kind = HttpError::Kind::Malformed;
        r.error.message = QStringLiteral("the answer from %1 is larger than %2 MB; stopped")
                              .arg(host)
                              .arg(m_policy.maxBodyBytes / (1024 * 1024));
        return r;
    }
    const QNetworkReply::NetworkError netError = reply.error();
    if (r.status == 0) {
        r.error.kind = HttpError::Kind::Network;
        r.error.message = QStringLiteral("cannot reach %1: %2").arg(host, reply.errorString());
        return r;
    }
    const QByteArray lengthHeader = reply.rawHeader("Content-Length");
    bool hasLength = false;
    const qint64 announced = lengthHeader.toLongLong(&hasLength);
    const bool encoded = !reply.rawHeader("Content-Encoding").isEmpty();
    if ((hasLength && !encoded && r.body.size() < announced) || netError == QNetworkReply::RemoteHostClosedError) {
        r.error.kind = HttpError::Kind::Truncated;
        r.error.message = hasLength && !encoded ? QStringLiteral("the answer from %1 was cut off (%2 of %3 bytes)")
                                                      .arg(host)
                                                      .arg(r.body.size())
                                                      .arg(announced)
                                                : QStringLiteral("the answer from %1 was cut off").arg(host);
        return r;
    }
    if (r.status >= 300 && r.status < 400) {
        r.error.kind = HttpError::Kind::Redirected;
        r.error.status = r.status;
        r.error.message = QStringLiteral("%1 redirected the request (HTTP %2); keys are never sent on to another "
                                         "address: check the base URL")
                              .arg(host)
                              .arg(r.status);
        return r;
    }
    if (r.status >= 400) {
        r.error = errorFromStatus(r.status, r.body, reply.rawHeader("Retry-After"));
        return r;
    }
    if (r.status < 200 || netError != QNetworkReply::NoError) {
        r.error.kind = HttpError::Kind::Network;
        r.error.status = r.status;
        r.error.message = QStringLiteral("the request to %1 failed: %2").arg(host, reply.errorString());
        return r;
    }
    if (looksLikeHtml(reply.header(QNetworkRequest::ContentTypeHeader).toByteArray(), r.body)) {
        r.error.kind = HttpError::Kind::NotJson;
        r.error.status = r.status;
        r.error.message = QStringLiteral("%1 answered with a web page instead of JSON (a proxy, a captive portal or a "
                                         "wrong base URL?)")
                              .arg(host);
        return r;
    }
    if (r.body.trimmed().isEmpty()) {
        r.error.kind = HttpError::Kind::Malformed;
        r.error.status = r.status;
        r.error.message = QStringLiteral("%1 answered with an empty body").arg(host);
    }
    return r;
}

} // namespace burnrate
