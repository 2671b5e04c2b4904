package dev.agentmail.gateway.forward;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;

/**
 * The client's request body as the proxy reads it, which also tells the door when the client's side fails (a
 * malformed chunk, a lost connection). The proxy takes the body's exception handler for itself and only resets the
 * service's request then; the client still deserves an answer, which only the door can give.
 */
final class ClientBody implements ReadStream<Buffer> {

    private final HttpServerRequest request;
    private final Handler<Throwable> onFailure;

    ClientBody(HttpServerRequest request, Handler<Throwable> onFailure) {
        this.request = request;
        this.onFailure = onFailure;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        request.exceptionHandler(handler == null ? onFailure : failure -> {
            onFailure.handle(failure);
            handler.handle(failure);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        request.handler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        request.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        request.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        request.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        request.endHandler(endHandler);
        return this;
    }
}
