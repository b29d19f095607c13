#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QProgressBar;
class QToolButton;

namespace rolescope {

class Document;

// Status bar part shown while the document loads a file in the background: the file name, a
// bar filling with the bytes parsed, and a Cancel button. Its cancel action (Esc) is only
// enabled while a load runs.
class LoadIndicator : public QWidget
{
    Q_OBJECT

public:
    explicit LoadIndicator(Document *document, QWidget *parent = nullptr);

    QAction *cancelAction() const { return m_cancelAction; }
    QProgressBar *progressBar() const { return m_bar; }
    QString text() const;

private:
    void start(const QString &path);
    void showProgress(qint64 done, qint64 total);
    void finish();

    Document *m_document;
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancelButton;
    QAction *m_cancelAction;
    QString m_fileName;
};

} // namespace rolescope
