// burnrate backup now | list [--format table|json] | restore ID: the ledger's backups (LedgerBackups), and what
// every command does when it finds the ledger damaged.
#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/ledgeropener.h"
#include "cli/texttable.h"
#include "ledger/backups.h"
#include "util/clock.h"
#include "util/settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>
#include <QTimeZone>

namespace burnrate::cli {

namespace {

int usage(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate backup: " << message << Qt::endl;
    return ExitUsage;
}

// The zone of the user's settings (UTC when they name none that exists).
QTimeZone userZone(const CommandContext &ctx)
{
    auto calendar = Settings(ctx.dataDir).calendar();
    return calendar ? calendar->zone() : QTimeZone::utc();
}

// "2026-12-07 04:15" in `zone`.
QString localTime(const QDateTime &utc, const QTimeZone &zone)
{
    return utc.toTimeZone(zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString size(std::int64_t bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

int backupNow(CommandContext &ctx)
{
    auto ledger = openLedger(ctx);
    if (!ledger) {
        ctx.err << "burnrate: " << ledger.error() << Qt::endl;
        return ExitFailure;
    }
    auto made = LedgerBackups(ctx.dataDir, *ctx.clock).create((*ledger)->db());
    if (!made) {
        ctx.err << "burnrate backup: " << made.error() << Qt::endl;
        return ExitFailure;
    }
    ctx.out << "Backup " << made->id << " written and checked: " << made->path << " (" << size(made->bytes) << ")\n";
    return ExitOk;
}

int backupList(CommandContext &ctx, const QString &format)
{
    const QList<BackupEntry> all = LedgerBackups(ctx.dataDir, *ctx.clock).list();
    if (format == QLatin1String("json")) {
        QJsonArray rows;
        for (const BackupEntry &e : all) {
            rows.append(QJsonObject{{QStringLiteral("id"), e.id},
                                    {QStringLiteral("taken_at"), e.takenAtUtc.toString(Qt::ISODate)},
                                    {QStringLiteral("bytes"), static_cast<qint64>(e.bytes)},
                                    {QStringLiteral("path"), e.path}});
        }
        ctx.out << QJsonDocument(QJsonObject{{QStringLiteral("backups"), rows}}).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (all.isEmpty()) {
        ctx.out << "No backups yet in " << LedgerBackups(ctx.dataDir, *ctx.clock).folder()
                << " (burnrate backup now takes one; the app takes one a day).\n";
        return ExitOk;
    }
    detail::TextTable table({QStringLiteral("ID"), QStringLiteral("TAKEN"), QStringLiteral("SIZE")}, 2);
    const QTimeZone zone = userZone(ctx);
    for (const BackupEntry &e : all) {
        table.add({e.id, localTime(e.takenAtUtc, zone), size(e.bytes)});
    }
    ctx.out << table.render();
    return ExitOk;
}

int backupRestore(CommandContext &ctx, const QString &id)
{
    auto restored = LedgerBackups(ctx.dataDir, *ctx.clock).restore(id);
    if (!restored) {
        ctx.err << "burnrate backup: " << restored.error() << Qt::endl;
        return ExitFailure;
    }
    ctx.out << "Restored the ledger from backup " << restored->restored.id << ", taken "
            << localTime(restored->restored.takenAtUtc, userZone(ctx)) << ".\n";
    if (restored->previous) {
        ctx.out << "The ledger as it was is kept as backup " << restored->previous->id << ".\n";
    }
    if (!restored->movedAside.isEmpty()) {
        ctx.out << "The damaged ledger stays in " << restored->movedAside << ".\n";
    }
    return ExitOk;
}

} // namespace

int runBackup(CommandContext &ctx, const QStringList &args)
{
    auto parsed = Arguments::parse(args, {QStringLiteral("--format")}, {});
    if (!parsed) {
        return usage(ctx, parsed.error());
    }
    const QStringList &words = parsed->positionals();
    const QString action = words.value(0);
    const QString format = parsed->value(QStringLiteral("--format"), QStringLiteral("table"));
    if (format != QLatin1String("table") && format != QLatin1String("json")) {
        return usage(ctx, QStringLiteral("--format must be table or json (not \"%1\")").arg(format));
    }
    if (action == QLatin1String("now") && words.size() == 1) {
        return backupNow(ctx);
    }
    if (action == QLatin1String("list") && words.size() == 1) {
        return backupList(ctx, format);
    }
    if (action == QLatin1String("restore") && words.size() == 2) {
        return backupRestore(ctx, words.at(1));
    }
    if (action == QLatin1String("restore")) {
        return usage(ctx, QStringLiteral("restore needs the ID of one backup (see burnrate backup list)"));
    }
    return usage(ctx, QStringLiteral("expected now, list or restore ID"));
}

int recoverDamagedLedger(CommandContext &ctx, const QString &problem)
{
    LedgerBackups backups(ctx.dataDir, *ctx.clock);
    auto moved = backups.moveAside();
    if (!moved) {
        ctx.err << "burnrate: the ledger is damaged (" << problem << ") and cannot be moved aside: " << moved.error()
                << Qt::endl;
        return ExitFailure;
    }
    ctx.err << "burnrate: the ledger is damaged (" << problem << "); it is moved, untouched, to " << *moved << Qt::endl;
    if (const auto good = backups.newestGood()) {
        ctx.err << "burnrate: the newest good backup was taken " << localTime(good->takenAtUtc, userZone(ctx))
                << "; restore it with: burnrate backup restore " << good->id << Qt::endl;
    } else {
        ctx.err << "burnrate: there is no backup to restore; the next command starts a new, empty ledger" << Qt::endl;
    }
    return ExitFailure;
}

} // namespace burnrate::cli
