package dev.imageservice.bootstrap.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.internal.GrpcUtil;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC call written as HTTP/2 frames by hand (Netty's HTTP/2 codec, no gRPC library), for
 * requests a gRPC library never sends: a compressed flag without an encoding, reserved flag bits, a
 * length prefix that lies. The answer is the status the server ends the stream with, or, if it
 * resets the stream, the status a grpc-java client makes of the reset.
 */
final class RawGrpcCall {

    private RawGrpcCall() {
    }

    /** One length-prefixed message as the body carries it: the flags byte, the length, the bytes. */
    static byte[] message(int flags, int length, byte[] bytes) {
        return ByteBuffer.allocate(5 + bytes.length).put((byte) flags).putInt(length).put(bytes).array();
    }

    /** Sends {@code body} as the whole request of a call of {@code fullMethodName} with {@code metadata}. */
    static Status send(String fullMethodName, Metadata metadata, byte[] body) throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            Channel connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                    new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                        }
                    })
                    .connect("localhost", GrpcClient.port()).sync().channel();
            CompletableFuture<Status> ended = new CompletableFuture<>();
            Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                    .handler(new SimpleChannelInboundHandler<Http2StreamFrame>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext context, Http2StreamFrame frame) {
                            if (frame instanceof Http2HeadersFrame headers && headers.isEndStream()) {
                                ended.complete(statusOf(headers.headers()));
                            } else if (frame instanceof Http2ResetFrame reset) {
                                ended.complete(GrpcUtil.Http2Error.statusForCode(reset.errorCode())
                                        .augmentDescription("stream reset"));
                            }
                        }
                    })
                    .open().sync().getNow();
            Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("http").path("/" + fullMethodName)
                    .authority("localhost").add("content-type", "application/grpc").add("te", "trailers");
            for (String key : metadata.keys()) {
                for (String value : metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
                    headers.add(key, value);
                }
            }
            stream.write(new DefaultHttp2HeadersFrame(headers));
            stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true)).sync();
            return ended.get(30, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static Status statusOf(Http2Headers trailers) {
        CharSequence code = trailers.get("grpc-status");
        if (code == null) {
            return Status.UNKNOWN.withDescription("no grpc-status; HTTP " + trailers.status());
        }
        CharSequence message = trailers.get("grpc-message");
        return Status.fromCodeValue(Integer.parseInt(code.toString())).withDescription(message == null ? null : message.toString());
    }
}
