#ifndef BURNRATE_UI_SETTINGS_REPRICEDIALOG_H
#define BURNRATE_UI_SETTINGS_REPRICEDIALOG_H

#include "pricing/repricer.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace burnrate {
class Clock;
class Ledger;
class RepriceJob;
} // namespace burnrate

namespace burnrate::ui {

class DateRangeEdit;

// "Reprice stored events": the stored events of a range of local dates priced again with the active price book, as
// `burnrate reprice` does. Preview runs a dry run and lists the difference per model; Run then writes it in one
// transaction. Both run on a worker thread with a ledger connection of their own (RepriceJob), with a progress bar
// and Cancel (a cancelled run is rolled back: nothing changes). The window never waits for them.
class RepriceDialog final : public QDialog
{
    Q_OBJECT

public:
    RepriceDialog(Ledger &ledger, const Clock &clock, QWidget *parent = nullptr);
    ~RepriceDialog() override;

    QCheckBox *allDatesField() const { return m_allDates; }
    DateRangeEdit *rangeField() const { return m_range; }
    QPushButton *previewButton() const { return m_preview; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *stopButton() const { return m_stop; }
    QProgressBar *progressBar() const { return m_progress; }
    QTableWidget *diffTable() const { return m_table; }
    QString statusText() const;
    // A line shown until the first run (e.g. that unsaved price edits are not used).
    void setNote(const QString &note);
    bool isRunning() const;

public Q_SLOTS:
    void preview();
    void run();
    void cancelRun();
    void reject() override;

Q_SIGNALS:
    // A preview or run finished (`written`: a run, committed).
    void completed(bool written);
    // A run or preview stopped by Cancel; nothing was changed.
    void cancelled();
    void failed(const QString &error);
    // Stored costs changed: the app reads the ledger again.
    void repriced();

private:
    RepriceRange range() const;
    void start(bool dryRun);
    void showOutcome(const RepriceOutcome &outcome);
    void finish(const RepriceOutcome &outcome);
    void setBusy(bool busy);
    void rangeEdited();

    RepriceJob *m_job = nullptr;
    bool m_dryRun = true;
    bool m_previewed = false;
    bool m_closeWhenStopped = false;
    QCheckBox *m_allDates = nullptr;
    DateRangeEdit *m_range = nullptr;
    QPushButton *m_preview = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_close = nullptr;
    QProgressBar *m_progress = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_REPRICEDIALOG_H
