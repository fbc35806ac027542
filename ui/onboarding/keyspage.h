#ifndef BURNRATE_UI_ONBOARDING_KEYSPAGE_H
#define BURNRATE_UI_ONBOARDING_KEYSPAGE_H

#include "secrets/keyspec.h"

#include <QMap>
#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPushButton;

namespace burnrate {
class KeyReplacer;
}

namespace burnrate::ui {

// Onboarding, first page: paste a key per provider; each is checked live with the provider and stored in
// the keychain only when it is accepted. Errors in one line, never with the key in it. A button offers the
// demo data instead.
class KeysPage final : public QWizardPage
{
    Q_OBJECT

public:
    KeysPage(KeyReplacer &validator, QWidget *parent = nullptr);

    // By keychain entry ("openai/admin").
    QLineEdit *keyField(const QString &entry) const { return m_rows.value(entry).field; }
    QPushButton *saveButton(const QString &entry) const { return m_rows.value(entry).save; }
    QLabel *status(const QString &entry) const { return m_rows.value(entry).status; }
    QPushButton *demoButton() const { return m_demo; }
    int storedCount() const { return m_stored; }

    static QString guidance(const KeySpec &spec);

Q_SIGNALS:
    void keyStored(const QString &entry);
    void demoRequested();

private:
    struct Row
    {
        QLineEdit *field = nullptr;
        QPushButton *save = nullptr;
        QLabel *status = nullptr;
    };
    void save(const KeySpec &spec);
    void setBusy(bool busy);

    KeyReplacer &m_validator;
    QMap<QString, Row> m_rows;
    QPushButton *m_demo;
    int m_stored = 0;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_ONBOARDING_KEYSPAGE_H
