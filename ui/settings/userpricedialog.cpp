#include "ui/settings/userpricedialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace burnrate::ui {

UserPriceDialog::UserPriceDialog(std::optional<UserPrice> existing, QHash<QString, QStringList> models,
                                 Validator validator, Prefill prefill, QWidget *parent)
    : QDialog(parent)
    , m_existing(std::move(existing))
    , m_models(std::move(models))
    , m_validator(std::move(validator))
    , m_prefill(std::move(prefill))
    , m_provider(new QComboBox(this))
    , m_model(new QLineEdit(this))
    , m_from(new QLineEdit(this))
    , m_input(new QLineEdit(this))
    , m_cacheRead(new QLineEdit(this))
    , m_cacheWrite(new QLineEdit(this))
    , m_output(new QLineEdit(this))
    , m_note(new QLabel(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(m_existing ? tr("Edit Price") : tr("Add Price"));
    m_provider->setEditable(true);
    QStringList providers = m_models.keys();
    providers.sort();
    m_provider->addItems(providers);
    m_provider->setCurrentIndex(-1);
    m_provider->lineEdit()->setPlaceholderText(tr("openai, anthropic, … or your own"));
    m_model->setPlaceholderText(tr("The model id, like gpt-4o-mini"));
    m_from->setPlaceholderText(tr("Every date; or YYYY-MM-DD (UTC)"));
    for (QLineEdit *rate : {m_input, m_cacheRead, m_cacheWrite, m_output}) {
        rate->setPlaceholderText(tr("USD per 1M tokens"));
    }
    m_note->setWordWrap(true);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    if (m_existing) {
        m_provider->setEditText(m_existing->provider);
        m_model->setText(m_existing->model);
        m_from->setText(m_existing->fromLabel());
        m_input->setText(m_existing->input);
        m_cacheRead->setText(m_existing->cacheRead);
        m_cacheWrite->setText(m_existing->cacheWrite);
        m_output->setText(m_existing->output);
        if (m_existing->hasMore) {
            m_note->setText(tr("This price also has other rates or tiers in prices.user.json; they are kept."));
        }
    }
    m_note->setVisible(!m_note->text().isEmpty());
    providerChanged();
    connect(m_provider, &QComboBox::currentTextChanged, this, &UserPriceDialog::providerChanged);
    connect(m_model, &QLineEdit::editingFinished, this, &UserPriceDialog::fillFromBook);
    connect(m_from, &QLineEdit::editingFinished, this, &UserPriceDialog::fillFromBook);

    auto *form = new QFormLayout;
    form->addRow(tr("Provider"), m_provider);
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("From"), m_from);
    form->addRow(tr("Input"), m_input);
    form->addRow(tr("Cached input"), m_cacheRead);
    form->addRow(tr("Cache write"), m_cacheWrite);
    form->addRow(tr("Output"), m_output);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &UserPriceDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &UserPriceDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString UserPriceDialog::problem() const
{
    return m_problem->text();
}

UserPrice UserPriceDialog::entered() const
{
    UserPrice p = m_existing.value_or(UserPrice{});
    p.provider = m_provider->currentText().trimmed().toLower();
    p.model = m_model->text().trimmed().toLower();
    p.effectiveFrom = userprices::normalisedFrom(m_from->text());
    p.input = m_input->text().trimmed();
    p.cacheRead = m_cacheRead->text().trimmed();
    p.cacheWrite = m_cacheWrite->text().trimmed();
    p.output = m_output->text().trimmed();
    return p;
}

void UserPriceDialog::providerChanged()
{
    QStringList ids = m_models.value(m_provider->currentText().trimmed().toLower());
    std::sort(ids.begin(), ids.end());
    auto *completer = new QCompleter(ids, m_model);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_model->setCompleter(completer); // deletes the previous one, a child of the field too
}

void UserPriceDialog::fillFromBook()
{
    // Only a new entry with no rate typed yet starts from the book's prices: never overwrite what was entered.
    if (m_existing || !m_prefill) {
        return;
    }
    for (const QLineEdit *rate : {m_input, m_cacheRead, m_cacheWrite, m_output}) {
        if (!rate->text().trimmed().isEmpty()) {
            return;
        }
    }
    const UserPrice typed = entered();
    if (typed.provider.isEmpty() || typed.model.isEmpty()) {
        return;
    }
    if (const auto current = m_prefill(typed)) {
        m_input->setText(current->input);
        m_cacheRead->setText(current->cacheRead);
        m_cacheWrite->setText(current->cacheWrite);
        m_output->setText(current->output);
        m_note->setText(tr("Filled in with the current prices of %1/%2.").arg(typed.provider, typed.model));
        m_note->show();
    }
}

void UserPriceDialog::accept()
{
    const UserPrice p = entered();
    QString problem = userprices::check(p);
    if (!problem.isEmpty()) {
        problem = problem.left(1).toUpper() + problem.mid(1);
    } else if (m_validator) {
        problem = m_validator(p); // the book's own words, which start with the entry ("acme/x@base: …")
    }
    if (!problem.isEmpty()) {
        m_problem->setText(problem + QLatin1Char('.'));
        return;
    }
    m_problem->clear();
    m_result = p;
    QDialog::accept();
}

} // namespace burnrate::ui
