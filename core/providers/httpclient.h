#ifndef BURNRATE_CORE_PROVIDERS_HTTPCLIENT_H
#define BURNRATE_CORE_PROVIDERS_HTTPCLIENT_H

#include <QByteArray>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace burnrate {

class Clock;

// How hard to try. The defaults suit a desktop poller; tests shrink the times.
struct HttpPolicy
{
    int timeoutMs = 30'000;       // no byte for this long: the attempt times out
    int deadlineMs = 120'000;     // the whole answer not in within this long (a server that drips bytes): too slow
    int maxAttempts = 4;          // the first try plus retries
    int backoffBaseMs = 1'000;    // retry n waits base × 2^n, jittered to 50–150 %
    int backoffMaxMs = 30'000;    // ... at most this long
    int maxRetryAfterMs = 60'000; // a longer Retry-After ends the attempt: the scheduler waits instead
    int maxPages = 200;           // a paged endpoint stops with an error after this many pages
    qint64 maxBodyBytes = 64LL * 1024 * 1024;
};

// Why a request failed, classified so callers can react, with the words to show the user.
struct HttpError
{
    enum class Kind
    {
        None,
        Insecure,     // not https and not loopback
        Network,      // cannot connect, connection reset, ...
        Timeout,      // no answer in time
        Unauthorized, // 401
        Forbidden,    // 403
        RateLimited,  // 429
        Server,       // 5xx
        Client,       // other 4xx
        Redirected,   // 3xx: never followed, keys must not travel elsewhere
        Truncated,    // the body ended before its announced length
        NotJson,      // a web page or other text where JSON was expected
        Malformed,    // JSON, but not the expected shape
        TooManyPages, // the page cap was reached
        CursorLoop,   // the server sent a cursor it had sent before
        Cancelled
    };
    Kind kind = Kind::None;
    int status = 0;            // HTTP status, when there was one
    QString message;           // one line, in words; never contains a key
    qint64 retryAfterMs = -1;  // the server's Retry-After, when given
    QString providerMessage;   // error.message of the body, when there was one
    bool wrongKeyKind = false; // the key is of another kind than the endpoint needs (ProviderClient::explain)

    bool isError() const { return kind != Kind::None; }
    bool isRetryable() const;
    static QString kindName(Kind kind);
};

struct HttpResult
{
    int status = 0;
    QByteArray body;
    HttpError error;
    int attempts = 0;
    bool ok() const { return !error.isError(); }
};

// The shared transport of the provider clients: GET with timeouts, retries with exponential backoff and
// jitter, Retry-After honoured, redirects refused, https enforced (plain http only to loopback), body size
// capped (an announced length above the cap is refused before the body comes), the whole answer due within a
// deadline. One request in flight per client; a second get() while one runs is queued behind it. Secrets
// set with addSecret() are scrubbed from every message. The clock is "now" for a Retry-After given as a date.
class HttpClient final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const HttpResult &)>;

    HttpClient(QNetworkAccessManager &nam, const Clock &clock, HttpPolicy policy, QObject *parent = nullptr);
    ~HttpClient() override;

    const HttpPolicy &policy() const { return m_policy; }
    // A source of uniform numbers in [0, 1) for the jitter; tests make it fixed.
    void setJitterSource(std::function<double()> source) { m_jitter = std::move(source); }
    // Strings that must never appear in a message (the keys sent in headers).
    void addSecret(const QString &secret);
    QString scrub(QString text) const;

    void get(const QNetworkRequest &request, Callback done);
    void cancelAll();

    int requestsSent() const { return m_requestsSent; }

    // The delay before retry number `retry` (0-based), without Retry-After.
    int backoffMs(int retry) const;
    // Parses Retry-After: delta seconds or an HTTP date; -1 when absent or unreadable.
    static qint64 parseRetryAfterMs(const QByteArray &value, qint64 nowMs);

private:
    struct Pending
    {
        QNetworkRequest request;
        Callback done;
        int attempt = 0;
    };
    struct ReplyDeleter
    {
        void operator()(QNetworkReply *reply) const;
    };

    void startNext();
    void startAttempt();
    void onFinished();
    void onTimeout();
    void onDeadline();
    void finish(HttpResult result);
    HttpResult evaluate(QNetworkReply &reply);
    HttpError errorFromStatus(int status, const QByteArray &body, const QByteArray &retryAfter) const;

    QNetworkAccessManager &m_nam;
    const Clock &m_clock;
    HttpPolicy m_policy;
    std::function<double()> m_jitter;
    QStringList m_secrets;
    QList<Pending> m_queue;
    std::unique_ptr<Pending> m_current;
    std::unique_ptr<QNetworkReply, ReplyDeleter> m_reply;
    QTimer *m_timeout = nullptr;
    QTimer *m_retryTimer = nullptr;
    QTimer *m_deadline = nullptr;
    bool m_timedOut = false;
    bool m_tooSlow = false;
    bool m_tooLarge = false;
    qint64 m_received = 0; // body bytes of the current attempt so far
    int m_requestsSent = 0;
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_HTTPCLIENT_H
