#ifndef BURNRATE_UI_SETTINGS_USERPRICEDIALOG_H
#define BURNRATE_UI_SETTINGS_USERPRICEDIALOG_H

#include "pricing/userprices.h"

#include <QDialog>
#include <QHash>
#include <QStringList>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace burnrate::ui {

// Adds or edits one of the user's own prices: provider, model, the date it applies from, and input, cached input,
// cache write and output in USD per 1M tokens, typed as decimals. OK runs the validator (the whole price book is
// built with the new entry) and is refused, with the reason in one line, until it passes.
class UserPriceDialog final : public QDialog
{
    Q_OBJECT

public:
    // Returns "" when `price` can be stored, else what is wrong.
    using Validator = std::function<QString(const UserPrice &price)>;
    // The current rates of a provider's model at a start, for a new entry; nullopt when the book has none.
    using Prefill = std::function<std::optional<UserPrice>(const UserPrice &price)>;

    // `existing`: the entry to edit, or nullopt for a new one. `models`: provider id -> model ids of the book.
    UserPriceDialog(std::optional<UserPrice> existing, QHash<QString, QStringList> models, Validator validator,
                    Prefill prefill, QWidget *parent = nullptr);

    // The entry as entered; valid after accept().
    const UserPrice &price() const { return m_result; }
    const std::optional<UserPrice> &existing() const { return m_existing; }
    QString problem() const;

    QComboBox *providerField() const { return m_provider; }
    QLineEdit *modelField() const { return m_model; }
    QLineEdit *fromField() const { return m_from; }
    QLineEdit *inputField() const { return m_input; }
    QLineEdit *cacheReadField() const { return m_cacheRead; }
    QLineEdit *cacheWriteField() const { return m_cacheWrite; }
    QLineEdit *outputField() const { return m_output; }

public Q_SLOTS:
    void accept() override;

private:
    UserPrice entered() const;
    void providerChanged();
    void fillFromBook();

    std::optional<UserPrice> m_existing;
    QHash<QString, QStringList> m_models;
    Validator m_validator;
    Prefill m_prefill;
    UserPrice m_result;
    QComboBox *m_provider = nullptr;
    QLineEdit *m_model = nullptr;
    QLineEdit *m_from = nullptr;
    QLineEdit *m_input = nullptr;
    QLineEdit *m_cacheRead = nullptr;
    QLineEdit *m_cacheWrite = nullptr;
    QLineEdit *m_output = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_USERPRICEDIALOG_H
