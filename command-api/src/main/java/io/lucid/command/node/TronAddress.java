package io.lucid.command.node;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * TRON wallet addresses: Base58Check of a version byte 0x41 and a 20-byte account id, with a 4-byte
 * checksum (the first bytes of a double SHA-256). 34 characters, always starting with {@code T}.
 */
final class TronAddress {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    private static final int DECODED_LENGTH = 25;
    private static final byte VERSION = 0x41;

    private TronAddress() {
    }

    static boolean isValid(String address) {
        if (address == null || address.length() != 34 || address.charAt(0) != 'T') {
            return false;
        }
        byte[] decoded = decodeBase58(address);
        if (decoded == null || decoded.length != DECODED_LENGTH || decoded[0] != VERSION) {
            return false;
        }
        byte[] payload = Arrays.copyOfRange(decoded, 0, 21);
        byte[] checksum = Arrays.copyOfRange(sha256(sha256(payload)), 0, 4);
        return Arrays.equals(checksum, Arrays.copyOfRange(decoded, 21, 25));
    }

    /** Big-endian bytes of the number, with one zero byte per leading '1'; null on a foreign character. */
    private static byte[] decodeBase58(String text) {
        BigInteger value = BigInteger.ZERO;
        for (char c : text.toCharArray()) {
            int digit = ALPHABET.indexOf(c);
            if (digit < 0) {
                return null;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.toByteArray();
        int signByte = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        int leadingZeros = 0;
        while (leadingZeros < text.length() && text.charAt(leadingZeros) == '1') {
            leadingZeros++;
        }
        byte[] result = new byte[leadingZeros + magnitude.length - signByte];
        System.arraycopy(magnitude, signByte, result, leadingZeros, magnitude.length - signByte);
        return result;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
