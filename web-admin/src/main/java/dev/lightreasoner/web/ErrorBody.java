package dev.lightreasoner.web;

/** JSON body of every error answer: what went wrong and, when one parameter is at fault, which. */
public record ErrorBody(int status, String error, String parameter) {
}
