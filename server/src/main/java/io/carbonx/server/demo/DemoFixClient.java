package io.carbonx.server.demo;

import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixMessageWriter;
import io.carbonx.fix.codec.FixTags;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The few FIX 4.4 messages the demonstration sends, written with the gateway's own codec over a blocking socket:
 * Logon, NewOrderSingle, Heartbeat in answer to a TestRequest, Logout. QuickFIX/J is a test dependency only, and a
 * scripted client that logs on, sends limit orders and waits for their fills needs no session engine.
 */
public final class DemoFixClient implements AutoCloseable
{
    private static final int TAG_ORD_STATUS = 39;
    private static final int TAG_EXEC_TYPE = 150;

    private final String senderCompId;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final FixMessageWriter writer = new FixMessageWriter();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Set<String> filled = new HashSet<>();
    private int nextSeqNum = 1;

    public DemoFixClient(final int port, final String senderCompId) throws IOException
    {
        this.senderCompId = senderCompId;
        this.socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(15_000);
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    public void logon() throws IOException
    {
        header("A").add(FixTags.ENCRYPT_METHOD, 0L).add(FixTags.HEART_BT_INT, 30L).add(FixTags.RESET_SEQ_NUM_FLAG, 'Y');
        send();
        final FixMessage answer = next();
        if (!answer.msgType().equals("A"))
        {
            throw new IOException(senderCompId + ": logon answered with " + answer);
        }
    }

    /**
     * Send a DAY limit order.
     *
     * @param side  '1' buy, '2' sell.
     * @param price decimal text, e.g. "92.00".
     */
    public void order(final String clOrdId, final long account, final String symbol, final char side,
        final long quantity,
        final String price) throws IOException
    {
        header("D").add(FixTags.CL_ORD_ID, clOrdId).add(FixTags.ACCOUNT, Long.toString(account)).add(55, symbol)
            .add(54, side).addTimestamp(60, System.currentTimeMillis()).add(38, quantity).add(40, '2').add(44, price)
            .add(59, '0');
        send();
    }

    /**
     * Read execution reports until the order is filled.
     *
     * @throws IOException when it is rejected, or does not fill within the socket's timeout.
     */
    public void awaitFilled(final String clOrdId) throws IOException
    {
        // Reports of this session's other orders may come first; their fills are remembered.
        while (!filled.contains(clOrdId))
        {
            final FixMessage message = next();
            if (message.msgType().equals("8"))
            {
                final char status = message.getChar(TAG_ORD_STATUS, ' ');
                if (status == '2')
                {
                    filled.add(message.getString(FixTags.CL_ORD_ID));
                }
                else if (status == '8' || message.getChar(TAG_EXEC_TYPE, ' ') == '8')
                {
                    throw new IOException(senderCompId + " order " + clOrdId + " rejected: " +
                        message.getString(FixTags.TEXT));
                }
            }
            else if (message.msgType().equals("3") || message.msgType().equals("j"))
            {
                throw new IOException(senderCompId + ": the exchange rejected a message: " +
                    message.getString(FixTags.TEXT));
            }
        }
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            header("5");
            send();
        }
        finally
        {
            socket.close();
        }
    }

    private FixMessageWriter header(final String msgType)
    {
        return writer.begin(msgType).add(FixTags.SENDER_COMP_ID, senderCompId).add(FixTags.TARGET_COMP_ID, "CARBONX")
            .add(FixTags.MSG_SEQ_NUM, nextSeqNum++).addTimestamp(FixTags.SENDING_TIME, System.currentTimeMillis());
    }

    private void send() throws IOException
    {
        writer.finish();
        out.write(writer.buffer(), writer.frameOffset(), writer.frameLength());
        out.flush();
    }

    /**
     * @return the next application or session message, having answered test requests.
     */
    private FixMessage next() throws IOException
    {
        while (true)
        {
            final byte[] frame = readFrame();
            final FixMessage message = new FixMessage();
            if (!message.wrap(frame, 0, frame.length, tag -> false))
            {
                throw new IOException(senderCompId + ": unreadable message from the exchange");
            }
            if (message.msgType().equals("1"))
            {
                header("0").add(FixTags.TEST_REQ_ID, message.getString(FixTags.TEST_REQ_ID));
                send();
            }
            else if (!message.msgType().equals("0"))
            {
                return message;
            }
        }
    }

    /**
     * A frame ends with the checksum field: "10=" after a delimiter, three digits and a delimiter.
     */
    private byte[] readFrame() throws IOException
    {
        while (true)
        {
            final byte[] bytes = pending.toByteArray();
            final String text = new String(bytes, StandardCharsets.US_ASCII);
            final int checksum = text.indexOf("\u000110=");
            if (checksum >= 0 && text.length() >= checksum + 8)
            {
                final int end = checksum + 8;
                pending.reset();
                pending.write(bytes, end, bytes.length - end);
                final byte[] frame = new byte[end];
                System.arraycopy(bytes, 0, frame, 0, end);
                return frame;
            }
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException(senderCompId + ": the exchange closed the connection");
            }
            pending.write(b);
        }
    }
}
