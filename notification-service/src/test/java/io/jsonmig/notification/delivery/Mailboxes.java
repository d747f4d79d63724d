package io.jsonmig.notification.delivery;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The mail the GreenMail server of {@link MailAndDeliveryResource} received, read back over IMAP. */
public final class Mailboxes {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Mailboxes() {
    }

    /** The mail an address received; none before its first mail creates the mailbox. */
    public static List<MimeMessage> of(String address) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        try {
            store.connect("127.0.0.1", Integer.getInteger(MailAndDeliveryResource.IMAP_PORT), address, address);
        } catch (AuthenticationFailedException noMailYet) {
            return List.of();
        }
        try (store; Folder inbox = store.getFolder("INBOX")) {
            inbox.open(Folder.READ_ONLY);
            List<MimeMessage> messages = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                messages.add(new MimeMessage((MimeMessage) message));
            }
            return messages;
        }
    }

    /** Waits for the address's first mail and checks it is its only one. */
    public static MimeMessage awaitSingleMail(String address) {
        List<MimeMessage> mails = awaitMails(address, 1);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    /** Waits until the address has received at least {@code count} mails; returns all it has. */
    public static List<MimeMessage> awaitMails(String address, int count) {
        return await(count + " mail(s) to " + address).atMost(TIMEOUT)
                .until(() -> of(address), list -> list.size() >= count);
    }

    public static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body part of this type, however the message nests its alternatives. */
    public static String part(jakarta.mail.Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return String.valueOf(part.getContent()).strip();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
