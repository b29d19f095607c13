#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace rolescope {

class Document;

// Search field with previous/next buttons and a "2 of 5" count. Typing highlights every
// match; Enter (or F3) moves to the next one, Shift+Enter to the previous one. In a large
// model the search waits for a pause in the typing.
class SearchBar : public QWidget
{
    Q_OBJECT

public:
    explicit SearchBar(Document *document, QWidget *parent = nullptr);

    QLineEdit *lineEdit() const { return m_edit; }
    QString statusText() const;
    // Ctrl+F: focuses the field and selects its text.
    void activate();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onTextChanged(const QString &text);
    // Runs the search typed so far, if it still waits for a pause.
    void searchNow();
    void updateStatus();

    Document *m_document;
    QLineEdit *m_edit;
    QLabel *m_status;
    QToolButton *m_previous;
    QToolButton *m_next;
    QTimer m_pause;
};

} // namespace rolescope
