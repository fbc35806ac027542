#include "ui/ledgerrecovery.h"

#include "ledger/backups.h"
#include "util/clock.h"
#include "util/settings.h"

#include <QDir>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTimeZone>

namespace burnrate::ui {

Status LedgerRecovery::recover(const QString &dataDir, const QString &problem, const Clock &clock, QWidget *parent)
{
    LedgerBackups backups(dataDir, clock);
    auto moved = backups.moveAside();
    if (!moved) {
        return Status::failure(
            QStringLiteral("the ledger is damaged (%1) and cannot be moved aside: %2").arg(problem, moved.error()));
    }
    const auto good = backups.newestGood();
    QMessageBox box(parent);
    box.setIcon(QMessageBox::Warning);
    box.setWindowTitle(QObject::tr("Burnrate: the ledger is damaged"));
    box.setText(QObject::tr("Burnrate's ledger is damaged (%1); it has been moved, untouched, to %2.")
                    .arg(problem, QDir::toNativeSeparators(*moved)));
    QPushButton *restore = nullptr;
    if (good) {
        auto calendar = Settings(dataDir).calendar();
        const QTimeZone zone = calendar ? calendar->zone() : QTimeZone::systemTimeZone();
        const QString taken = QLocale().toString(good->takenAtUtc.toTimeZone(zone), QLocale::LongFormat);
        box.setInformativeText(
            QObject::tr("The newest good backup was taken %1. Restore it, or start with an empty ledger?").arg(taken));
        restore = box.addButton(QObject::tr("Restore the backup"), QMessageBox::AcceptRole);
        restore->setObjectName(QLatin1String(RestoreButton));
    } else {
        box.setInformativeText(QObject::tr("There is no backup to restore. Start with an empty ledger?"));
    }
    QPushButton *empty = box.addButton(QObject::tr("Start with an empty ledger"), QMessageBox::DestructiveRole);
    empty->setObjectName(QLatin1String(EmptyButton));
    QPushButton *quit = box.addButton(QObject::tr("Quit"), QMessageBox::RejectRole);
    quit->setObjectName(QLatin1String(QuitButton));
    box.setDefaultButton(restore ? restore : quit);
    box.setEscapeButton(quit);
    box.exec();
    if (box.clickedButton() == empty) {
        return okStatus();
    }
    if (restore && box.clickedButton() == restore) {
        auto restored = backups.restore(good->id);
        if (!restored) {
            return Status::failure(restored.error());
        }
        return okStatus();
    }
    return Status::failure(
        QStringLiteral("the ledger is damaged (%1); it is in %2 and nothing was restored").arg(problem, *moved));
}

} // namespace burnrate::ui
