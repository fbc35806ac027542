#ifndef BURNRATE_UI_PAGES_RECONCILIATIONPAGE_H
#define BURNRATE_UI_PAGES_RECONCILIATIONPAGE_H

#include "ui/pages/page.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QTableView;

namespace burnrate {
class Clock;
class Ledger;
} // namespace burnrate

namespace burnrate::ui {

class ReconcileTableModel;

// Billed against estimated per provider and UTC day (what `burnrate report --reconcile` prints), with the drift
// in dollars and percent, for a range of UTC days and one provider or all. Days whose bill is not final yet are
// marked open; a large drift is highlighted.
class ReconciliationPage final : public Page
{
    Q_OBJECT

public:
    static constexpr int DefaultDays = 30;

    ReconciliationPage(Ledger &ledger, const Clock &clock, QWidget *parent = nullptr);

    QString title() const override;

    // The range shown (UTC days, inclusive) and the provider filter (empty: all).
    void setRange(QDate since, QDate until);
    void setProvider(const QString &provider);
    QString provider() const;

    ReconcileTableModel *model() const { return m_model; }
    QString summaryText() const;

public Q_SLOTS:
    void reload() override;

private:
    void updateProviders(const QStringList &providers);

    Ledger &m_ledger;
    const Clock &m_clock;
    QDateEdit *m_since = nullptr;
    QDateEdit *m_until = nullptr;
    QComboBox *m_provider = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
    ReconcileTableModel *m_model = nullptr;
    bool m_updating = false;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_PAGES_RECONCILIATIONPAGE_H
