#include "providers/balanceclients.h"

#include "providers/balanceparsers.h"

namespace burnrate {

namespace {

HttpError rejected(const QString &who, const HttpError &error)
{
    HttpError e = error;
    e.message = QStringLiteral("%1 rejected the key: it is invalid or was revoked (HTTP %2%3)")
                    .arg(who)
                    .arg(error.status)
                    .arg(error.providerMessage.isEmpty() ? QString() : QStringLiteral(": ") + error.providerMessage);
    return e;
}

KeyCheck checkOf(const HttpResult &r, const HttpError &explained, const QString &okMessage)
{
    KeyCheck check;
    check.ok = r.ok();
    check.error = explained;
    check.wrongKind = explained.message.startsWith(QLatin1String("this is"));
    check.message = check.ok ? okMessage : explained.message;
    return check;
}

} // namespace

OpenRouterClient::OpenRouterClient(QNetworkAccessManager &nam, const HttpPolicy &policy, QUrl origin, QObject *parent)
    : ProviderClient(QStringLiteral("openrouter"), nam, policy, std::move(origin), parent)
{}

QNetworkRequest OpenRouterClient::authorized(QNetworkRequest request, KeyKind kind) const
{
    request.setRawHeader("Authorization", "Bearer " + key(kind).toUtf8());
    return request;
}

HttpError OpenRouterClient::explain(KeyKind kind, const HttpError &error) const
{
    if (kind == KeyKind::Management && error.kind == HttpError::Kind::Forbidden) {
        HttpError e = error;
        e.message = QStringLiteral("this is an inference key; credits and activity need a Management key — create one "
                                   "at %1")
                        .arg(keySpec(provider(), KeyKind::Management)->createUrl);
        return e;
    }
    if (error.kind == HttpError::Kind::Unauthorized) {
        return rejected(QStringLiteral("OpenRouter"), error);
    }
    return error;
}

void OpenRouterClient::validateKey(KeyKind kind, const QString &secret, std::function<void(const KeyCheck &)> done)
{
    setKey(kind, secret);
    if (kind == KeyKind::Management) {
        http().get(
            authorized(request(QStringLiteral("/api/v1/credits"), {}), kind),
            [this, kind, done = std::move(done)](const HttpResult &r) {
                done(checkOf(r, explain(kind, r.error), QStringLiteral("OpenRouter accepted the Management key")));
            });
        return;
    }
    http().get(authorized(request(QStringLiteral("/api/v1/key"), {}), kind),
               [this, kind, done = std::move(done)](const HttpResult &r) {
                   KeyCheck check = checkOf(r, explain(kind, r.error), QStringLiteral("OpenRouter accepted the key"));
                   if (check.ok) {
                       const auto info = parseOpenRouterKey(r.body, 0);
                       if (!info) {
                           check.ok = false;
                           check.message =
                               QStringLiteral("OpenRouter's key information is not as expected: %1").arg(info.error());
                       } else if (info->isManagementKey) {
                           check.ok = false;
                           check.wrongKind = true;
                           check.message = QStringLiteral("this is a management key; store it with --kind "
                                                          "management");
                       }
                   }
                   done(check);
               });
}

QList<ProviderClient::Step> OpenRouterClient::steps(const SyncRequest &request, const CoveredUntil &coveredUntil)
{
    QList<Step> out;
    if (hasKey(KeyKind::Inference)) {
        out.append([this, request](const StepDone &next) { fetchKey(request, next); });
    }
    if (hasKey(KeyKind::Management)) {
        const std::int64_t from = planFrom(request, coveredUntil(QStringLiteral("activity")), 2);
        out.append([this, request](const StepDone &next) { fetchCredits(request, next); });
        out.append([this, request, from](const StepDone &next) { fetchActivity(request, from, next); });
    }
    return out;
}

void OpenRouterClient::fetchKey(const SyncRequest &request, const StepDone &next)
{
    const QString endpoint = QStringLiteral("key");
    http().get(authorized(this->request(QStringLiteral("/api/v1/key"), {}), KeyKind::Inference),
               [this, request, endpoint, next](const HttpResult &r) {
                   if (!r.ok()) {
                       next(named(QStringLiteral("OpenRouter key"), explain(KeyKind::Inference, r.error)), endpoint);
                       return;
                   }
                   auto info = parseOpenRouterKey(r.body, request.nowMs);
                   if (!info) {
                       HttpError e;
                       e.kind = HttpError::Kind::Malformed;
                       e.message =
                           QStringLiteral("OpenRouter key: the answer is not what was expected: %1").arg(info.error());
                       next(e, endpoint);
                       return;
                   }
                   EndpointWindow w;
                   w.endpoint = endpoint;
                   w.kind = EndpointWindow::Kind::Balance;
                   w.fromMs = w.untilMs = request.nowMs;
                   w.balances.append(info->snapshot);
                   w.requests = w.pages = 1;
                   next(commitWindow(w), endpoint);
               });
}

void OpenRouterClient::fetchCredits(const SyncRequest &request, const StepDone &next)
{
    const QString endpoint = QStringLiteral("credits");
    http().get(
        authorized(this->request(QStringLiteral("/api/v1/credits"), {}), KeyKind::Management),
        [this, request, endpoint, next](const HttpResult &r) {
            if (!r.ok()) {
                next(named(QStringLiteral("OpenRouter credits"), explain(KeyKind::Management, r.error)), endpoint);
                return;
            }
            auto snapshot = parseOpenRouterCredits(r.body, request.nowMs);
            if (!snapshot) {
                HttpError e;
                e.kind = HttpError::Kind::Malformed;
                e.message =
                    QStringLiteral("OpenRouter credits: the answer is not what was expected: %1").arg(snapshot.error());
                next(e, endpoint);
                return;
            }
            EndpointWindow w;
            w.endpoint = endpoint;
            w.kind = EndpointWindow::Kind::Balance;
            w.fromMs = w.untilMs = request.nowMs;
            w.balances.append(*snapshot);
            w.requests = w.pages = 1;
            next(commitWindow(w), endpoint);
        });
}

void OpenRouterClient::fetchActivity(const SyncRequest &request, std::int64_t from, const StepDone &next)
{
    const QString endpoint = QStringLiteral("activity");
    // Only the last 30 completed UTC days are there; today is not.
    const std::int64_t today = floorDay(request.nowMs);
    const std::int64_t windowFrom = std::min(today, std::max(from, today - ActivityDays * MsPerDay));
    http().get(
        authorized(this->request(QStringLiteral("/api/v1/activity"), {}), KeyKind::Management),
        [this, windowFrom, today, endpoint, next](const HttpResult &r) {
            if (!r.ok()) {
                next(named(QStringLiteral("OpenRouter activity"), explain(KeyKind::Management, r.error)), endpoint);
                return;
            }
            auto items = parseOpenRouterActivity(r.body);
            if (!items) {
                HttpError e;
                e.kind = HttpError::Kind::Malformed;
                e.message =
                    QStringLiteral("OpenRouter activity: the answer is not what was expected: %1").arg(items.error());
                next(e, endpoint);
                return;
            }
            EndpointWindow w;
            w.endpoint = endpoint;
            w.kind = EndpointWindow::Kind::Billed;
            w.fromMs = windowFrom;
            w.untilMs = today;
            w.billed = std::move(items).value();
            w.requests = w.pages = 1;
            next(commitWindow(w), endpoint);
        });
}

DeepSeekClient::DeepSeekClient(QNetworkAccessManager &nam, const HttpPolicy &policy, QUrl origin, QObject *parent)
    : ProviderClient(QStringLiteral("deepseek"), nam, policy, std::move(origin), parent)
{}

HttpError DeepSeekClient::explain(KeyKind, const HttpError &error) const
{
    return error.kind == HttpError::Kind::Unauthorized ? rejected(QStringLiteral("DeepSeek"), error) : error;
}

void DeepSeekClient::validateKey(KeyKind kind, const QString &secret, std::function<void(const KeyCheck &)> done)
{
    setKey(kind, secret);
    QNetworkRequest req = request(QStringLiteral("/user/balance"), {});
    req.setRawHeader("Authorization", "Bearer " + secret.toUtf8());
    http().get(req, [this, kind, done = std::move(done)](const HttpResult &r) {
        done(checkOf(r, explain(kind, r.error), QStringLiteral("DeepSeek accepted the key")));
    });
}

QList<ProviderClient::Step> DeepSeekClient::steps(const SyncRequest &request, const CoveredUntil &)
{
    return {[this, request](const StepDone &next) {
        const QString endpoint = QStringLiteral("user/balance");
        QNetworkRequest req = this->request(QStringLiteral("/user/balance"), {});
        req.setRawHeader("Authorization", "Bearer " + key(KeyKind::Inference).toUtf8());
        http().get(req, [this, request, endpoint, next](const HttpResult &r) {
            if (!r.ok()) {
                next(named(QStringLiteral("DeepSeek balance"), explain(KeyKind::Inference, r.error)), endpoint);
                return;
            }
            auto balance = parseDeepSeekBalance(r.body, request.nowMs);
            if (!balance) {
                HttpError e;
                e.kind = HttpError::Kind::Malformed;
                e.message =
                    QStringLiteral("DeepSeek balance: the answer is not what was expected: %1").arg(balance.error());
                next(e, endpoint);
                return;
            }
            EndpointWindow w;
            w.endpoint = endpoint;
            w.kind = EndpointWindow::Kind::Balance;
            w.fromMs = w.untilMs = request.nowMs;
            w.balances = balance->snapshots;
            w.requests = w.pages = 1;
            next(commitWindow(w), endpoint);
        });
    }};
}

} // namespace burnrate
