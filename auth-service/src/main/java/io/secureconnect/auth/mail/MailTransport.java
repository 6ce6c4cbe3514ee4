package io.secureconnect.auth.mail;

/** Where auth-service's emails go: an SMTP server in production, files in a folder for local runs. */
public interface MailOutbox {

    void send(Mail mail);
}
