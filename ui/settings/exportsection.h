#ifndef BURNRATE_UI_SETTINGS_EXPORTSECTION_H
#define BURNRATE_UI_SETTINGS_EXPORTSECTION_H

#include "ui/settings/settingssection.h"

class QComboBox;
class QDateEdit;
class QCheckBox;
class QLabel;

namespace burnrate {
class Clock;
class Ledger;
} // namespace burnrate

namespace burnrate::ui {

// Export: a report of the ledger (ReportQuery) as CSV or JSON, written by the same formatters as
// `burnrate report --format csv|json`, so money is exact decimal text and integer nano-USD. Acts at once.
class ExportSection final : public SettingsSection
{
    Q_OBJECT

public:
    ExportSection(Ledger &ledger, const Clock &clock, QWidget *parent = nullptr);

    QString title() const override;
    void load() override;
    QString apply(bool &changed) override;

    QComboBox *formatField() const { return m_format; }
    QComboBox *byField() const { return m_by; }
    QCheckBox *allTimeField() const { return m_allTime; }
    QString statusText() const;

    // Writes the export to `path`; returns an empty string or what went wrong.
    QString exportTo(const QString &path);

private:
    void chooseFileAndExport();

    Ledger &m_ledger;
    const Clock &m_clock;
    QComboBox *m_format = nullptr;
    QComboBox *m_by = nullptr;
    QCheckBox *m_allTime = nullptr;
    QDateEdit *m_since = nullptr;
    QDateEdit *m_until = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_EXPORTSECTION_H
