#ifndef BURNRATE_UI_LEDGERRECOVERY_H
#define BURNRATE_UI_LEDGERRECOVERY_H

#include "util/result.h"

#include <QString>

class QWidget;

namespace burnrate {
class Clock;
}

namespace burnrate::ui {

// What the app does when the ledger it opens is damaged: it moves the damaged files aside (nothing is deleted),
// says so in one sentence, and asks whether to restore the newest good backup, start with an empty ledger or quit.
// Success means the data folder is ready for the ledger to be opened again.
class LedgerRecovery final
{
public:
    // The object names of the question's buttons, for tests and accessibility tools.
    static constexpr const char *RestoreButton = "restoreBackup";
    static constexpr const char *EmptyButton = "startEmpty";
    static constexpr const char *QuitButton = "quit";

    // `problem` is SQLite's description of the damage. Fails when the user quits or when moving or restoring fails.
    static Status recover(const QString &dataDir, const QString &problem, const Clock &clock,
                          QWidget *parent = nullptr);
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_LEDGERRECOVERY_H
