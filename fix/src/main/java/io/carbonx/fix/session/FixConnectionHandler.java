package io.carbonx.fix.session;

import io.carbonx.fix.PasswordHash;
import io.carbonx.fix.codec.FixFrame;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixTags;
import io.carbonx.fix.codec.FrameError;
import io.carbonx.fix.codec.MsgTypes;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * One per TCP connection: turns frames into {@link FixMessage} views and routes them. Until a Logon
 * is accepted the connection belongs to no session, and anything but a well-formed FIX 4.4 Logon
 * for a configured session, with the right password, within the logon timeout, closes it without a
 * word: an unidentified peer gets nothing that would help it probe. After the Logon every message
 * goes to the session.
 *
 * <p>A session lives on one event loop; a connection starts on the loop Netty gave it. When its Logon names a session
 * on another loop, the connection is deregistered and registered again on the session's loop, once, before the Logon
 * is acted on, so that every later message is handled on the session's thread with no hand-off (see
 * {@link FixAcceptor}). Frames that arrive meanwhile are held, as during a password check.
 * Used by its channel's event loop only.
 */
public final class FixConnectionHandler extends ChannelInboundHandlerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(FixConnectionHandler.class);
    /** Frames a counterparty may pipeline behind its Logon while the password is being checked. */
    private static final int MAX_HELD_FRAMES = 64;

    private final SessionRegistry sessions;
    private final IntPredicate isDataTag;
    private final Executor authenticator;
    private final long logonTimeoutMillis;
    private final FixMessage message = new FixMessage();
    private AcceptorSession session;
    private ScheduledFuture<?> logonTimeout;
    /** Non-null while the Logon's password is being checked off the event loop, or the connection is moving. */
    private ArrayDeque<byte[]> heldWhileAuthenticating;

    public FixConnectionHandler(final SessionRegistry sessions, final IntPredicate isDataTag,
        final Executor authenticator,
                                final long logonTimeoutMillis)
    {
        this.sessions = sessions;
        this.isDataTag = isDataTag;
        this.authenticator = authenticator;
        this.logonTimeoutMillis = logonTimeoutMillis;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        logonTimeout = ctx.executor().schedule(() ->
        {
            if (session == null)
            {
                LOG.warn("{}: no Logon within {} ms, closing", ctx.channel().remoteAddress(), logonTimeoutMillis);
                ctx.close();
            }
        }, logonTimeoutMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof FrameError error)
        {
            onGarbled(ctx, error.description());
            return;
        }
        if (!(msg instanceof FixFrame frame))
        {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (heldWhileAuthenticating != null)
        {
            hold(ctx, frame);
            return;
        }
        onFrame(ctx, frame.bytes(), frame.length());
    }

    private void onFrame(final ChannelHandlerContext ctx, final byte[] bytes, final int length)
    {
        if (!message.wrap(bytes, 0, length, isDataTag))
        {
            onGarbled(ctx, "not a sequence of tag=value fields starting 8, 9, 35");
            return;
        }
        if (session != null)
        {
            session.onMessage(ctx.channel(), message);
        }
        else
        {
            onFirstMessage(ctx);
        }
    }

    private void onGarbled(final ChannelHandlerContext ctx, final String what)
    {
        if (session != null)
        {
            session.onGarbled(ctx.channel(), what);
        }
        else
        {
            LOG.warn("{}: garbled input before Logon ({}), closing", ctx.channel().remoteAddress(), what);
            ctx.close();
        }
    }

    private void onFirstMessage(final ChannelHandlerContext ctx)
    {
        if (message.msgTypeKey() != MsgTypes.LOGON)
        {
            LOG.warn("{}: first message is not a Logon, closing: {}", ctx.channel().remoteAddress(), message);
            ctx.close();
            return;
        }
        final AcceptorSession target = sessions.find(message.getString(FixTags.TARGET_COMP_ID),
                message.getString(FixTags.SENDER_COMP_ID));
        if (target == null)
        {
            LOG.warn("{}: Logon for no configured session, closing: {}", ctx.channel().remoteAddress(), message);
            ctx.close();
            return;
        }
        if (ctx.channel().eventLoop() != target.eventLoop())
        {
            moveTo(ctx, target);
            return;
        }
        onIdentified(ctx, target);
    }

    /** The Logon in {@link #message} names this session, on whose loop the connection is. */
    private void onIdentified(final ChannelHandlerContext ctx, final AcceptorSession target)
    {
        if (target.isConnected())
        {
            LOG.warn("{}: {} is already logged on, closing the second connection", ctx.channel().remoteAddress(),
                target.id());
            ctx.close();
            return;
        }
        final PasswordHash password = target.settings().password().orElse(null);
        if (password == null)
        {
            logon(ctx, target, message);
        }
        else
        {
            authenticate(ctx, target, password);
        }
    }

    /**
     * PBKDF2 is slow on purpose: run it off the event loop, and hold the connection's input meanwhile.
     * The session's {@link LogonThrottle} refuses, without a check, a Logon while another is being
     * checked or during a lockout after repeated failures.
     */
    private void authenticate(final ChannelHandlerContext ctx, final AcceptorSession target,
        final PasswordHash password)
    {
        final LogonThrottle throttle = target.logonThrottle();
        final String refusal = throttle.refusal(System.nanoTime());
        if (refusal != null)
        {
            LOG.warn("{}: Logon for {} refused unchecked: {}", ctx.channel().remoteAddress(), target.id(), refusal);
            target.refuseLogon(ctx.channel(), refusal);
            return;
        }
        throttle.onCheckStarted();
        final int index = message.indexOf(FixTags.PASSWORD);
        final char[] offered = index < 0 ? new char[0]
                : new String(message.buffer(), message.valueOffset(index), message.valueLength(index),
                StandardCharsets.ISO_8859_1).toCharArray();
        final byte[] logon = message.copyFrame();
        heldWhileAuthenticating = new ArrayDeque<>();
        ctx.channel().config().setAutoRead(false);
        authenticator.execute(() ->
        {
            boolean matches = false;
            try
            {
                matches = password.matches(offered);
            }
            finally
            {
                // whatever happens, the throttle must hear of the end of the check, or the session stays locked
                Arrays.fill(offered, '\0');
                final boolean result = matches;
                ctx.executor().execute(() -> afterAuthentication(ctx, target, logon, result));
            }
        });
    }

    /**
     * Moves the connection to the session's event loop, then goes on with its Logon there. Input stops meanwhile;
     * frames already read behind the Logon are held and processed after it.
     */
    private void moveTo(final ChannelHandlerContext ctx, final AcceptorSession target)
    {
        final byte[] logon = message.copyFrame();
        heldWhileAuthenticating = new ArrayDeque<>();
        final Channel channel = ctx.channel();
        LOG.debug("{}: moving to the event loop of {}", channel.remoteAddress(), target.id());
        channel.config().setAutoRead(false);
        channel.deregister().addListener(deregistered ->
        {
            if (!deregistered.isSuccess())
            {
                LOG.warn("{}: cannot leave its first event loop, closing: {}", channel.remoteAddress(),
                        deregistered.cause().toString());
                channel.close();
                return;
            }
            target.eventLoop().register(channel).addListener(registered ->
            {
                if (!registered.isSuccess())
                {
                    LOG.warn("{}: cannot join the event loop of {}, closing: {}", channel.remoteAddress(),
                            target.id(), registered.cause().toString());
                    channel.close();
                    return;
                }
                target.eventLoop().execute(() -> afterMove(ctx, target, logon));
            });
        });
    }

    private void afterMove(final ChannelHandlerContext ctx, final AcceptorSession target, final byte[] logon)
    {
        final ArrayDeque<byte[]> held = heldWhileAuthenticating;
        heldWhileAuthenticating = null;
        if (!ctx.channel().isActive())
        {
            return;
        }
        ctx.channel().config().setAutoRead(true);
        message.wrap(logon, 0, logon.length, isDataTag);
        onIdentified(ctx, target);
        if (heldWhileAuthenticating != null)
        {
            // the password is being checked: the frames wait behind the Logon still
            heldWhileAuthenticating.addAll(held);
            return;
        }
        processHeld(ctx, held);
    }

    private void processHeld(final ChannelHandlerContext ctx, final ArrayDeque<byte[]> held)
    {
        for (final byte[] frameBytes : held)
        {
            if (!ctx.channel().isActive())
            {
                return;
            }
            onFrame(ctx, frameBytes, frameBytes.length);
        }
        if (session != null)
        {
            // the held frames were a read of their own: end their batch
            session.onReadComplete(ctx.channel());
        }
    }

    private void afterAuthentication(final ChannelHandlerContext ctx, final AcceptorSession target, final byte[] logon,
        final boolean matches)
    {
        target.logonThrottle().onChecked(matches, System.nanoTime());
        final ArrayDeque<byte[]> held = heldWhileAuthenticating;
        heldWhileAuthenticating = null;
        if (!ctx.channel().isActive())
        {
            return;
        }
        ctx.channel().config().setAutoRead(true);
        message.wrap(logon, 0, logon.length, isDataTag);
        if (!matches)
        {
            LOG.warn("{}: wrong password for {}", ctx.channel().remoteAddress(), target.id());
            if (target.isConnected())
            {
                ctx.close();
            }
            else
            {
                target.refuseLogon(ctx.channel(), "Logon rejected: invalid credentials");
            }
            return;
        }
        logon(ctx, target, message);
        processHeld(ctx, held);
    }

    private void logon(final ChannelHandlerContext ctx, final AcceptorSession target, final FixMessage logon)
    {
        target.onLogon(ctx.channel(), logon);
        if (target.isConnected() && target.isBoundTo(ctx.channel()))
        {
            session = target;
            logonTimeout.cancel(false);
        }
    }

    private void hold(final ChannelHandlerContext ctx, final FixFrame frame)
    {
        if (heldWhileAuthenticating.size() >= MAX_HELD_FRAMES)
        {
            LOG.warn("{}: too many messages before the Logon was answered, closing", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        heldWhileAuthenticating.add(frame.copy());
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        if (session != null)
        {
            session.onReadComplete(ctx.channel());
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (logonTimeout != null)
        {
            logonTimeout.cancel(false);
        }
        if (session != null)
        {
            session.onChannelInactive(ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        LOG.warn("{}: closing connection{}: {}", ctx.channel().remoteAddress(),
                session != null ? " of " + session.id() : "", cause.toString());
        LOG.debug("connection failure", cause);
        if (session != null)
        {
            session.disconnect(cause.toString());
        }
        ctx.close();
    }
}
