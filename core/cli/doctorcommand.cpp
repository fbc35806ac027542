// burnrate doctor: what a support request asks, checked in one go. Reads only: the ledger is opened read-only
// (never created or migrated), the keychain is only read, and nothing is sent anywhere.
#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/doctor_p.h"
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "ledger/migrations.h"
#include "pricing/pricebook.h"
#include "pricing/pricestore.h"
#include "pricing/userprices.h"
#include "providers/providerregistry.h"
#include "providers/syncstore.h"
#include "secrets/keyresolver.h"
#include "secrets/keyspec.h"
#include "secrets/secretstore.h"
#include "util/appinfo.h"
#include "util/clock.h"
#include "util/jsonwriter.h"
#include "util/localcalendar.h"
#include "util/settings.h"
#include "util/timestamp.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocale>
#include <QSslSocket>
#include <QTextStream>
#include <QTimeZone>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <optional>
#include <type_traits>
#include <variant>

namespace burnrate::cli {

using detail::DoctorCheck;

namespace {

constexpr int KeychainTimeoutMs = 15'000;
// Reads of a WAL ledger never wait for a writer; the timeout only covers a writer that is recovering the file.
constexpr int LedgerBusyTimeoutMs = 3'000;
constexpr std::int64_t StalePriceDays = 90;
constexpr std::int64_t DayMs = 24LL * 60 * 60 * 1000;
// A keychain entry that never exists: reading it shows whether the keychain answers, without touching a key.
const QString ProbeEntry = QStringLiteral("doctor-probe");

int usage(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate doctor: " << message << " (see burnrate --help)" << Qt::endl;
    return ExitUsage;
}

QString statusName(DoctorCheck::Status s)
{
    switch (s) {
    case DoctorCheck::Status::Ok:
        return QStringLiteral("ok");
    case DoctorCheck::Status::Warn:
        return QStringLiteral("warn");
    case DoctorCheck::Status::Fail:
        break;
    }
    return QStringLiteral("fail");
}

QString sizeText(std::int64_t bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

// An asynchronous answer awaited with a timeout. The callback holds the state, so an answer that comes after the
// timeout lands in it harmlessly.
template <typename T>
struct Pending
{
    std::optional<T> value;
    QEventLoop *loop = nullptr;

    void set(T v)
    {
        value = std::move(v);
        if (loop) {
            loop->quit();
        }
    }
    bool wait(int timeoutMs)
    {
        if (!value) {
            QEventLoop l;
            loop = &l;
            QTimer::singleShot(timeoutMs, &l, &QEventLoop::quit);
            l.exec();
            loop = nullptr;
        }
        return value.has_value();
    }
};

// Local times as the other commands show them: "yyyy-MM-dd HH:mm" in the user's zone, ISO 8601 with the offset in
// JSON.
struct Times
{
    QTimeZone zone;

    QString text(std::int64_t ms) const
    {
        return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    DoctorCheck::Value json(std::optional<std::int64_t> ms) const
    {
        if (!ms) {
            return std::monostate{};
        }
        return QDateTime::fromMSecsSinceEpoch(*ms, zone).toString(Qt::ISODate);
    }
};

DoctorCheck dataFolderCheck(const QString &dir, const Result<LocalCalendar> &calendar)
{
    const QFileInfo info(dir);
    const QString path = QDir::toNativeSeparators(info.absoluteFilePath());
    DoctorCheck c{QStringLiteral("data folder"), DoctorCheck::Status::Ok, path, {}};
    c.field("path", path).field("exists", info.exists());
    if (!info.exists()) {
        c.detail = QStringLiteral("%1: not created yet (nothing imported)").arg(path);
    } else if (!info.isDir()) {
        c.status = DoctorCheck::Status::Fail;
        c.detail = QStringLiteral("%1 is not a folder").arg(path);
    } else if (!info.isWritable()) {
        c.status = DoctorCheck::Status::Fail;
        c.detail = QStringLiteral("%1 is not writable: imports and syncs would fail").arg(path);
    }
    if (calendar) {
        c.field("timezone", QString::fromUtf8(calendar.value().zoneId()));
    } else {
        // Every command reads the calendar first, so a bad zone stops them all.
        c.status = DoctorCheck::Status::Fail;
        c.detail += QStringLiteral("; settings.ini: %1").arg(calendar.error());
        c.field("timezone", std::monostate{});
    }
    return c;
}

// One integer from a query, or the database's error in words.
Result<std::int64_t> queryInt(Database &db, std::string_view sql)
{
    auto s = db.prepare(sql);
    if (!s) {
        return Result<std::int64_t>::failure(db.lastError());
    }
    if (s->step() != Statement::Step::Row) {
        return Result<std::int64_t>::failure(db.lastError());
    }
    return s->int64(0);
}

// The ledger, read-only. `opened` receives the connection when the file is an SQLite database this build can read,
// for the checks that follow.
DoctorCheck ledgerCheck(const QString &dir, std::unique_ptr<Database> &opened)
{
    const QString path = QDir(dir).filePath(Ledger::fileName());
    const QString shownPath = QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
    DoctorCheck c{QStringLiteral("ledger"), DoctorCheck::Status::Ok, {}, {}};
    c.field("path", shownPath);
    const QFileInfo info(path);
    if (!info.exists()) {
        c.detail = QStringLiteral("no ledger yet");
        c.field("exists", false);
        return c;
    }
    c.field("exists", true);
    const auto fail = [&](const QString &message) {
        c.status = DoctorCheck::Status::Fail;
        c.detail = message;
        return c;
    };
    Database::Options options;
    options.readOnly = true;
    options.busyTimeoutMs = LedgerBusyTimeoutMs;
    auto db = Database::open(path, options);
    if (!db) {
        return fail(db.error());
    }
    const auto schema = queryInt(**db, "PRAGMA user_version");
    if (!schema) {
        return fail(QStringLiteral("cannot read the ledger %1: %2").arg(shownPath, schema.error()));
    }
    const std::int64_t walBytes = QFileInfo(path + QStringLiteral("-wal")).size();
    c.field("schema", *schema).field("schema_known", std::int64_t{Migrations::latestVersion()});
    c.field("size_bytes", std::int64_t{info.size()}).field("wal_bytes", walBytes);
    QStringList parts;
    if (*schema > Migrations::latestVersion()) {
        c.status = DoctorCheck::Status::Fail;
        parts << QStringLiteral("schema %1, made by a newer Burnrate (this one knows up to %2): update Burnrate")
                     .arg(*schema)
                     .arg(Migrations::latestVersion());
    } else if (*schema < Migrations::latestVersion()) {
        c.status = DoctorCheck::Status::Warn;
        parts << QStringLiteral("schema %1, will be upgraded to %2 on next start")
                     .arg(*schema)
                     .arg(Migrations::latestVersion());
    } else {
        parts << QStringLiteral("schema %1").arg(*schema);
    }
    parts << (walBytes > 0 ? QStringLiteral("%1 + %2 WAL").arg(sizeText(info.size()), sizeText(walBytes))
                           : sizeText(info.size()));
    // A ledger made before the events table (schema 0) has no events yet.
    const auto events = *schema >= 1 ? queryInt(**db, "SELECT COUNT(*) FROM events")
                                     : Result<std::int64_t>::failure(QStringLiteral("no events table"));
    if (events) {
        parts << QStringLiteral("%1 %2").arg(*events).arg(*events == 1 ? QStringLiteral("event")
                                                                       : QStringLiteral("events"));
        c.field("events", *events);
    } else {
        c.field("events", std::monostate{});
    }
    // The first problems quick_check finds; "ok" alone when there are none.
    QStringList problems;
    QString checkError;
    if (auto s = (*db)->prepare("PRAGMA quick_check(10)"); !s) {
        checkError = (*db)->lastError();
    } else {
        Statement::Step step;
        while ((step = s->step()) == Statement::Step::Row) {
            problems << s->text(0);
        }
        if (step == Statement::Step::Error) {
            checkError = (*db)->lastError();
        }
    }
    const bool intact = checkError.isEmpty() && problems == QStringList{QStringLiteral("ok")};
    c.field("quick_check",
            intact ? QStringLiteral("ok") : (checkError.isEmpty() ? problems.join(QStringLiteral("; ")) : checkError));
    if (intact) {
        parts << QStringLiteral("quick check ok");
    } else {
        c.status = DoctorCheck::Status::Fail;
        parts << QStringLiteral("quick check failed: %1")
                     .arg(checkError.isEmpty()
                              ? problems.value(0) + (problems.size() > 1
                                                         ? QStringLiteral(" (and %1 more)").arg(problems.size() - 1)
                                                         : QString())
                              : checkError);
    }
    c.detail = parts.join(QStringLiteral(", "));
    if (*schema <= Migrations::latestVersion()) {
        opened = std::move(db).value();
    }
    return c;
}

DoctorCheck keychainCheck(SecretStore &store, bool &answers)
{
    DoctorCheck c{QStringLiteral("keychain"), DoctorCheck::Status::Ok, store.describe(), {}};
    c.field("backend", store.describe());
    auto pending = std::make_shared<Pending<SecretStore::Outcome>>();
    store.read(ProbeEntry, [pending](const SecretStore::Outcome &out) {
        SecretStore::Outcome kept;
        kept.error = out.error;
        kept.message = out.message; // never the secret, should the entry exist
        pending->set(kept);
    });
    answers = pending->wait(KeychainTimeoutMs);
    if (!answers) {
        c.status = DoctorCheck::Status::Fail;
        c.detail = QStringLiteral("no answer from %1 within %2 s").arg(store.describe()).arg(KeychainTimeoutMs / 1000);
        return c.field("error", QStringLiteral("timeout"));
    }
    const SecretStore::Outcome &out = *pending->value;
    switch (out.error) {
    case SecretStore::Error::None:
    case SecretStore::Error::NotFound:
        return c.field("error", std::monostate{});
    case SecretStore::Error::NoKeychain:
        c.field("error", QStringLiteral("no-keychain"));
        break;
    case SecretStore::Error::AccessDenied:
        c.field("error", QStringLiteral("access-denied"));
        break;
    case SecretStore::Error::Other:
        c.field("error", QStringLiteral("other"));
        break;
    }
    c.status = DoctorCheck::Status::Fail;
    c.detail = out.message.isEmpty() ? QStringLiteral("%1 failed").arg(store.describe()) : out.message;
    return c;
}

DoctorCheck tlsCheck()
{
    const bool supported = QSslSocket::supportsSsl();
    const QString backend = QSslSocket::activeBackend();
    const QString library = QSslSocket::sslLibraryVersionString();
    DoctorCheck c{QStringLiteral("tls"), DoctorCheck::Status::Ok, {}, {}};
    c.field("supported", supported);
    c.field("backend", backend.isEmpty() ? DoctorCheck::Value{} : DoctorCheck::Value{backend});
    c.field("library", library.isEmpty() ? DoctorCheck::Value{} : DoctorCheck::Value{library});
    if (!supported || backend.isEmpty()) {
        c.status = DoctorCheck::Status::Fail;
        c.detail = QStringLiteral("no TLS backend: every sync would fail");
        return c;
    }
    c.detail = QStringLiteral("%1 (Qt backend \"%2\")")
                   .arg(library.isEmpty() ? QStringLiteral("TLS library of unknown version") : library, backend);
    return c;
}

DoctorCheck priceBookCheck(const QString &dir, Database *db, std::int64_t nowMs, const Times &times)
{
    DoctorCheck c{QStringLiteral("price book"), DoctorCheck::Status::Ok, {}, {}};
    const auto fail = [&](const QString &message) {
        c.status = DoctorCheck::Status::Fail;
        c.detail = message;
        return c;
    };
    // Without a ledger (none yet, or one of a newer schema) no update can be active: an empty database stands in,
    // so that the book is the shipped one, found by the same PriceStore as everywhere else.
    std::unique_ptr<Database> none;
    if (!db) {
        auto memory = Database::open(QStringLiteral(":memory:"));
        if (!memory) {
            return fail(memory.error());
        }
        none = std::move(memory).value();
        db = none.get();
    }
    const PriceStore store(*db, dir);
    auto base = store.activeBase();
    if (!base) {
        return fail(base.error());
    }
    const std::optional<std::int64_t> activatedAtMs = store.activatedAtMs();
    const QString origin = activatedAtMs ? QStringLiteral("update") : QStringLiteral("shipped");
    const QJsonObject snapshot = base->value(QLatin1String("snapshot")).toObject();
    const QString id = snapshot.value(QLatin1String("id")).toString();
    const QByteArray createdText = snapshot.value(QLatin1String("created_at")).toString().toUtf8();
    std::optional<std::int64_t> createdMs =
        parseRfc3339Ms(std::string_view(createdText.constData(), static_cast<size_t>(createdText.size())));
    if (!createdMs) {
        createdMs = activatedAtMs;
    }
    c.field("snapshot", id).field("origin", origin);
    c.field("created_at",
            createdMs ? DoctorCheck::Value{formatUtcMs(*createdMs).left(19) + QLatin1Char('Z')} : DoctorCheck::Value{});
    c.field("activated_at", times.json(activatedAtMs));
    // The book the app and the commands use: the base, the shipped corrections, then the user's prices.
    QString userText = QStringLiteral("no prices of your own");
    const bool hasUserPrices = QFileInfo::exists(store.userPricesPath());
    if (hasUserPrices) {
        auto user = store.userPrices();
        if (!user) {
            c.field("user_prices", user.error());
            return fail(user.error());
        }
        const auto count = userprices::entries(*user).size();
        userText =
            QStringLiteral("%1 %2 of your own in %3")
                .arg(count)
                .arg(count == 1 ? QStringLiteral("price") : QStringLiteral("prices"), PriceStore::userPricesFileName());
    }
    auto book = store.load();
    if (!book) {
        if (hasUserPrices) {
            c.field("user_prices", book.error());
        }
        return fail(book.error());
    }
    c.field("user_prices", hasUserPrices ? DoctorCheck::Value{QStringLiteral("ok")} : DoctorCheck::Value{});
    c.field("models", std::int64_t{(*book)->modelCount()});
    const QString dateText = createdMs ? times.text(*createdMs).left(10) : QStringLiteral("an unknown date");
    c.detail = QStringLiteral("%1 (%2, from %3), %4 models; %5")
                   .arg(id, origin, dateText)
                   .arg((*book)->modelCount())
                   .arg(userText);
    const std::optional<std::int64_t> ageDays =
        createdMs ? std::optional<std::int64_t>((nowMs - *createdMs) / DayMs) : std::nullopt;
    c.field("age_days", ageDays ? DoctorCheck::Value{*ageDays} : DoctorCheck::Value{});
    if (!ageDays || *ageDays > StalePriceDays) {
        c.status = DoctorCheck::Status::Warn;
        c.detail += ageDays ? QStringLiteral("; %1 days old: run `burnrate prices update`").arg(*ageDays)
                            : QStringLiteral("; undated: run `burnrate prices update`");
    }
    return c;
}

// What is known of one provider's key, without the key.
struct KeyState
{
    QStringList found;   // "admin key stored", "inference key in BURNRATE_OPENROUTER_KEY"
    QString trouble;     // why the keychain could not be asked, when it could not
    QStringList envVars; // where the keys could come from instead
    bool keychain = false;
    bool environment = false;
};

KeyState keyStateOf(const QString &provider, KeyResolver &resolver, const KeyResolver::EnvLookup &env,
                    bool keychainAnswers)
{
    KeyState state;
    for (const KeySpec &spec : keySpecsOf(provider)) {
        state.envVars << spec.envVar;
        // A keychain that did not answer the probe is not asked again (each read would wait as long); the
        // environment, which wins over it anyway, still is.
        if (!keychainAnswers) {
            if (!env(spec.envVar).isEmpty()) {
                state.environment = true;
                state.found << QStringLiteral("%1 key in %2").arg(keyKindName(spec.kind), spec.envVar);
            } else {
                state.trouble = QStringLiteral("the keychain did not answer");
            }
            continue;
        }
        struct Seen
        {
            ResolvedKey::Source source = ResolvedKey::Source::None;
            SecretStore::Error error = SecretStore::Error::NotFound;
        };
        auto pending = std::make_shared<Pending<Seen>>();
        resolver.resolve(spec, [pending](const ResolvedKey &key) {
            // Where the key is, never the key itself.
            pending->set(Seen{key.source, key.error});
        });
        if (!pending->wait(KeychainTimeoutMs)) {
            state.trouble = QStringLiteral("the keychain did not answer");
            continue;
        }
        const Seen &seen = *pending->value;
        if (seen.source == ResolvedKey::Source::Keychain) {
            state.keychain = true;
            state.found << QStringLiteral("%1 key stored").arg(keyKindName(spec.kind));
        } else if (seen.source == ResolvedKey::Source::Environment) {
            state.environment = true;
            state.found << QStringLiteral("%1 key in %2").arg(keyKindName(spec.kind), spec.envVar);
        } else if (seen.error != SecretStore::Error::NotFound) {
            // The keychain line has its words already.
            state.trouble = QStringLiteral("the keychain cannot be asked");
        }
    }
    return state;
}

DoctorCheck providerCheck(const QString &provider, const KeyState &key, const QList<SyncState> &states,
                          const Times &times)
{
    DoctorCheck c{provider, DoctorCheck::Status::Ok, {}, {}};
    QString keyName = QStringLiteral("none");
    if (key.keychain) {
        keyName = QStringLiteral("stored");
    } else if (key.environment) {
        keyName = QStringLiteral("environment");
    } else if (!key.trouble.isEmpty()) {
        keyName = QStringLiteral("unknown");
    }
    std::optional<std::int64_t> lastSuccess;
    std::optional<std::int64_t> lastAttempt;
    int failures = 0;
    const SyncState *failed = nullptr; // the endpoint that failed last
    for (const SyncState &s : states) {
        if (s.lastSuccess) {
            lastSuccess = std::max(lastSuccess.value_or(*s.lastSuccess), *s.lastSuccess);
        }
        if (s.lastAttempt) {
            lastAttempt = std::max(lastAttempt.value_or(*s.lastAttempt), *s.lastAttempt);
        }
        if (s.failures > 0 && !s.lastError.isEmpty() &&
            (!failed || s.lastAttempt.value_or(0) > failed->lastAttempt.value_or(0))) {
            failed = &s;
        }
        failures = std::max(failures, s.failures);
    }
    c.field("key", keyName);
    c.field("last_success", times.json(lastSuccess)).field("last_attempt", times.json(lastAttempt));
    c.field("failures", std::int64_t{failures});
    c.field("last_error", failed ? DoctorCheck::Value{failed->lastError} : DoctorCheck::Value{});
    if (key.found.isEmpty()) {
        if (key.trouble.isEmpty()) {
            c.detail = QStringLiteral("no key (not synced)");
        } else {
            c.status = DoctorCheck::Status::Warn;
            c.detail = QStringLiteral("key unknown: %1 (%2 in the environment works without it)")
                           .arg(key.trouble, key.envVars.join(QStringLiteral(" or ")));
        }
        return c;
    }
    const QString keys = key.found.join(QStringLiteral(", "));
    if (failed) {
        c.status = DoctorCheck::Status::Warn;
        c.detail = QStringLiteral("%1; last attempt %2 failed (%3, %4 in a row): %5")
                       .arg(keys, failed->lastAttempt ? times.text(*failed->lastAttempt) : QStringLiteral("?"),
                            failed->endpoint)
                       .arg(failed->failures)
                       .arg(failed->lastError);
    } else if (!lastSuccess) {
        c.status = DoctorCheck::Status::Warn;
        c.detail = QStringLiteral("%1; never synced (run `burnrate sync`)").arg(keys);
    } else {
        c.detail = QStringLiteral("%1; last sync %2").arg(keys, times.text(*lastSuccess));
    }
    return c;
}

void writeValue(JsonWriter &w, const DoctorCheck::Value &v)
{
    std::visit(
        [&w](const auto &x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                w.null();
            } else {
                w.value(x);
            }
        },
        v);
}

QByteArray asJson(const QList<DoctorCheck> &checks, int warnings, int failures)
{
    JsonWriter w;
    w.beginObject();
    w.field("version", appVersion());
    w.field("ok", failures == 0).field("warnings", warnings).field("failures", failures);
    w.key("checks").beginArray();
    for (const DoctorCheck &c : checks) {
        w.beginObject();
        w.field("name", c.name).field("status", statusName(c.status)).field("detail", c.detail);
        for (const auto &[key, value] : c.fields) {
            w.key(key);
            writeValue(w, value);
        }
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.toByteArray() + '\n';
}

QString asText(const QList<DoctorCheck> &checks, int warnings, int failures)
{
    qsizetype nameWidth = 0;
    for (const DoctorCheck &c : checks) {
        nameWidth = std::max(nameWidth, c.name.size());
    }
    QString out;
    for (const DoctorCheck &c : checks) {
        out +=
            statusName(c.status).leftJustified(6) + c.name.leftJustified(nameWidth + 2) + c.detail + QLatin1Char('\n');
    }
    out += QStringLiteral("%1 %2, %3 %4\n")
               .arg(warnings)
               .arg(warnings == 1 ? QStringLiteral("warning") : QStringLiteral("warnings"))
               .arg(failures)
               .arg(failures == 1 ? QStringLiteral("failure") : QStringLiteral("failures"));
    return out;
}

} // namespace

int runDoctor(CommandContext &ctx, const QStringList &args)
{
    auto parsed = Arguments::parse(args, {QStringLiteral("--format")}, {});
    if (!parsed) {
        return usage(ctx, parsed.error());
    }
    if (!parsed->positionals().isEmpty()) {
        return usage(ctx, QStringLiteral("unexpected argument \"%1\"").arg(parsed->positionals().first()));
    }
    const QString format = parsed->value(QStringLiteral("--format"), QStringLiteral("text"));
    if (format != QLatin1String("text") && format != QLatin1String("json")) {
        return usage(ctx, QStringLiteral("--format must be text or json"));
    }

    QList<DoctorCheck> checks;
    const auto calendar = Settings(ctx.dataDir).calendar();
    const Times times{calendar ? calendar.value().zone() : QTimeZone::utc()};
    checks << dataFolderCheck(ctx.dataDir, calendar);
    std::unique_ptr<Database> db;
    checks << ledgerCheck(ctx.dataDir, db);
    CliServices &services = ctx.services();
    bool keychainAnswers = false;
    checks << keychainCheck(*services.secrets, keychainAnswers);
    checks << tlsCheck();
    checks << detail::desktopChecks();
    checks << priceBookCheck(ctx.dataDir, db.get(), ctx.clock->nowMs(), times);
    // Sync states need the sync_state table (schema 6); an older ledger has none, and states() is then empty.
    const QList<SyncState> states = db ? SyncStore(*db).states() : QList<SyncState>();
    KeyResolver resolver(*services.secrets, services.env);
    for (const QString &provider : syncProviders()) {
        QList<SyncState> mine;
        for (const SyncState &s : states) {
            if (s.provider == provider) {
                mine << s;
            }
        }
        checks << providerCheck(provider, keyStateOf(provider, resolver, services.env, keychainAnswers), mine, times);
    }

    int warnings = 0;
    int failures = 0;
    for (const DoctorCheck &c : std::as_const(checks)) {
        warnings += c.status == DoctorCheck::Status::Warn ? 1 : 0;
        failures += c.status == DoctorCheck::Status::Fail ? 1 : 0;
    }
    if (format == QLatin1String("json")) {
        ctx.out << QString::fromUtf8(asJson(checks, warnings, failures));
    } else {
        ctx.out << asText(checks, warnings, failures);
    }
    return failures > 0 ? ExitFailure : ExitOk;
}

} // namespace burnrate::cli
