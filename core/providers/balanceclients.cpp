#include "providers/balanceclients.h"

#include "providers/balanceparsers.h"
#include "util/clock.h"

namespace burnrate {

OpenRouterClient::OpenRouterClient(QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy,
                                   QUrl origin, QObject *parent)
    : ProviderClient(QStringLiteral("openrouter"), nam, clock, policy, std::move(origin), {}, parent)
{}

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
        checkKey(request(QStringLiteral("/api/v1/credits"), {}, kind), kind,
                 QStringLiteral("OpenRouter accepted the Management key"), std::move(done));
        return;
    }
    checkKey(request(QStringLiteral("/api/v1/key"), {}, kind), kind, QStringLiteral("OpenRouter accepted the key"),
             std::move(done), [this](const QByteArray &body, KeyCheck &check) {
                 const auto info = parseOpenRouterKey(body, clock().nowMs());
                 if (!info) {
                     check.ok = false;
                     check.message =
                         QStringLiteral("OpenRouter's key information is not as expected: %1").arg(info.error());
                 } else if (info->isManagementKey) {
                     check.ok = false;
                     check.wrongKind = true;
                     check.message = QStringLiteral("this is a management key; store it with --kind management");
                 }
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
        this->request(QStringLiteral("/api/v1/key"), {}, KeyKind::Inference),
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
        this->request(QStringLiteral("/api/v1/credits"), {}, KeyKind::Management),
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
        this->request(QStringLiteral("/api/v1/activity"), {}, KeyKind::Management),
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
    : ProviderClient(QStringLiteral("deepseek"), nam, clock, policy, std::move(origin), {}, parent)
{}

HttpError DeepSeekClient::explain(KeyKind, const HttpError &error) const
{
    return error.kind == HttpError::Kind::Unauthorized ? rejected(QStringLiteral("DeepSeek"), error) : error;
}

void DeepSeekClient::validateKey(KeyKind kind, const QString &secret, std::function<void(const KeyCheck &)> done)
{
    setKey(kind, secret);
    checkKey(request(QStringLiteral("/user/balance"), {}, kind), kind, QStringLiteral("DeepSeek accepted the key"),
             std::move(done));
}

QList<ProviderClient::Step> DeepSeekClient::steps(const SyncRequest &request, const CoveredUntil &)
{
    return {[this, request](const StepDone &next) {
        const std::int64_t now = request.nowMs;
        fetchOne(
            this->request(QStringLiteral("/user/balance"), {}, KeyKind::Inference),
            windowOf(QStringLiteral("user/balance"), EndpointWindow::Kind::Balance, now, now),
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
