#ifndef BURNRATE_UI_WIDGETS_SPENDCARD_H
#define BURNRATE_UI_WIDGETS_SPENDCARD_H

#include <QFrame>

class QLabel;

namespace burnrate::ui {

// One figure on the overview: a caption, a large amount and a line of detail.
class SpendCard final : public QFrame
{
    Q_OBJECT

public:
    explicit SpendCard(const QString &title, QWidget *parent = nullptr);

    void setAmount(const QString &amount);
    void setDetail(const QString &detail);
    // Where the amount comes from, in words ("billed + local estimate"); hidden when empty.
    void setProvenance(const QString &provenance);
    QString title() const;
    QString amount() const;
    QString detail() const;
    QString provenance() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QLabel *m_title;
    QLabel *m_amount;
    QLabel *m_detail;
    QLabel *m_provenance;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_WIDGETS_SPENDCARD_H
