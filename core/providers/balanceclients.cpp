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
    check.wrongKind = explained.wrongKeyKind;
    check.message = check.ok ? okMessage : explained.message;
    return check;
}

} // namespace

OpenRouterClient::OpenRouterClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy,
                                   QUrl origin, QObject *parent)
    : ProviderClient(QStringLiteral("openrouter"), nam, clock, policy, std::move(origin), parent)
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
        e.wrongKeyKind = true;
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
    const std::int64_t now = request.nowMs;
    fetchOne(
        authorized(this->request(QStringLiteral("/api/v1/key"), {}), KeyKind::Inference),
        windowOf(QStringLiteral("key"), EndpointWindow::Kind::Balance, now, now), QStringLiteral("OpenRouter key"),
        KeyKind::Inference,
        [now](const QByteArray &body, EndpointWindow &w) -> Status {
            auto info = parseOpenRouterKey(body, now);
            if (!info) {
                return Status::failure(info.error());
            }
            w.balances.append(info->snapshot);
            return okStatus();
        },
        next);
}

void OpenRouterClient::fetchCredits(const SyncRequest &request, const StepDone &next)
{
    const std::int64_t now = request.nowMs;
    fetchOne(
        authorized(this->request(QStringLiteral("/api/v1/credits"), {}), KeyKind::Management),
        windowOf(QStringLiteral("credits"), EndpointWindow::Kind::Balance, now, now),
        QStringLiteral("OpenRouter credits"), KeyKind::Management,
        [now](const QByteArray &body, EndpointWindow &w) -> Status {
            auto snapshot = parseOpenRouterCredits(body, now);
            if (!snapshot) {
                return Status::failure(snapshot.error());
            }
            w.balances.append(*snapshot);
            return okStatus();
        },
        next);
}

void OpenRouterClient::fetchActivity(const SyncRequest &request, std::int64_t from, const StepDone &next)
{
    // Only the last 30 completed UTC days are there; today is not.
    const std::int64_t today = floorDay(request.nowMs);
    const std::int64_t windowFrom = std::min(today, std::max(from, today - ActivityDays * MsPerDay));
    fetchOne(
        authorized(this->request(QStringLiteral("/api/v1/activity"), {}), KeyKind::Management),
        windowOf(QStringLiteral("activity"), EndpointWindow::Kind::Billed, windowFrom, today),
        QStringLiteral("OpenRouter activity"), KeyKind::Management,
        [](const QByteArray &body, EndpointWindow &w) -> Status {
            auto items = parseOpenRouterActivity(body);
            if (!items) {
                return Status::failure(items.error());
            }
            w.billed = std::move(items).value();
            return okStatus();
        },
        next);
}

DeepSeekClient::DeepSeekClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy, QUrl origin,
                               QObject *parent)
    : ProviderClient(QStringLiteral("deepseek"), nam, clock, policy, std::move(origin), parent)
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
        const std::int64_t now = request.nowMs;
        QNetworkRequest req = this->request(QStringLiteral("/user/balance"), {});
        req.setRawHeader("Authorization", "Bearer " + key(KeyKind::Inference).toUtf8());
        fetchOne(
            req, windowOf(QStringLiteral("user/balance"), EndpointWindow::Kind::Balance, now, now),
            QStringLiteral("DeepSeek balance"), KeyKind::Inference,
            [now](const QByteArray &body, EndpointWindow &w) -> Status {
                auto balance = parseDeepSeekBalance(body, now);
                if (!balance) {
                    return Status::failure(balance.error());
                }
                w.balances = balance->snapshots;
                return okStatus();
            },
            next);
    }};
}

} // namespace burnrate
