#ifndef BURNRATE_UI_SETTINGS_USERPRICESEDITOR_H
#define BURNRATE_UI_SETTINGS_USERPRICESEDITOR_H

#include "pricing/userprices.h"
#include "ui/settings/userpricedialog.h"

#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace burnrate {
class Ledger;
}

namespace burnrate::ui {

// "Your prices": the user's own prices (<data dir>/prices.user.json) in a table, with Add, Edit and Remove. Each
// edit is checked by building the whole price book with it, as PriceStore does at start, and refused with the
// reason if the book would not load; Apply writes the file atomically. Stored events keep their prices until they
// are re-priced.
class UserPricesEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit UserPricesEditor(Ledger &ledger, QWidget *parent = nullptr);

    // Reads the file, dropping edits.
    void load();
    // Writes the edits (validated again against the book active now). "" or what went wrong; the file is kept.
    QString apply(bool &changed);

    bool hasPendingChanges() const { return m_dirty; }
    QList<UserPrice> entries() const { return m_entries; }
    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *removeButton() const { return m_remove; }
    QString statusText() const;
    // The add or edit dialog while it is open.
    UserPriceDialog *dialog() const { return m_dialog; }

public Q_SLOTS:
    void addPrice();
    void editSelected();
    void removeSelected();

private:
    void openDialog(int row);
    // "" when `overlay` gives a valid book; else the reason.
    QString validate(const QJsonObject &overlay) const;
    void setOverlay(const QJsonObject &overlay);
    void refreshTable();
    void updateButtons();

    Ledger &m_ledger;
    QJsonObject m_overlay;
    QList<UserPrice> m_entries;
    bool m_readable = true;
    bool m_dirty = false;
    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_status = nullptr;
    QPointer<UserPriceDialog> m_dialog;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_USERPRICESEDITOR_H
