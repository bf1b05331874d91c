import SluiceVocabulary
import Testing

@testable import SluiceInterpreter

/// Digests of deterministic messages whose lengths sit on both sides of every padding boundary (55/56 and 63/64
/// bytes for the 64-byte block functions, 111/112 and 127/128 for SHA-384/512), computed with a reference library.
enum DigestVectors {
    /// The test message of `count` bytes: byte i is (7i + 3) mod 256.
    static func message(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(($0 * 7 + 3) % 256) }
    }

    static let md5: [(Int, String)] = [
        (0, "d41d8cd98f00b204e9800998ecf8427e"),
        (1, "8666683506aacd900bbd5a74ac4edf68"),
        (3, "c9aee4810523ef8658121b8d492c6b41"),
        (55, "52c0e574e1198de5fe3f8f11440dcb1b"),
        (56, "46c9907fc908ee68b1e7b8e71286a518"),
        (63, "a62f6d59e837867693f042f5b8f5a236"),
        (64, "7160b8fb5e9e4023d549c3971fbaeead"),
        (65, "70bd662e7aefbda85a0f7244167b7897"),
        (111, "13f00cb15f0c3fe588d1c17cde14b38f"),
        (112, "5fe6a9f76b541ec645559589da9a088a"),
        (119, "e84905d4214f4d1ca56c2cdcc152b143"),
        (120, "e3eb5a6c8669ea01a8c185b8abc8a5dc"),
        (127, "acce2474d6cc8302120d09c818d17ef7"),
        (128, "10b2da1a82f16d99a81a7203fe9f02cb"),
        (129, "03fefbbcebe2959cf2270241aafe0250"),
        (1000, "10046f077f2082ac19676b8079f1cb1a"),
    ]
    static let sha1: [(Int, String)] = [
        (0, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        (1, "9842926af7ca0a8cca12604f945414f07b01e13d"),
        (3, "4201de9f98cb0a9b8cf52398be7802b55d45266a"),
        (55, "ddf57317ef34bfee3b6df83d359098930eb278bc"),
        (56, "a0d492bb0fc889d0eca3bc137066ab6f4f74f369"),
        (63, "c55856749bef509bdfe6bfebfc7bf4e793e82132"),
        (64, "bede92be29c3874e1b54ddc77988d606fc857a8e"),
        (65, "b05a80522b053d6dc7e0a517d0e70212c7dad11f"),
        (111, "4a01b1272627e5be00f57bc3c3029c23a452e629"),
        (112, "54c08c2a0ed21de25e3d8606c3929454eb1d3f8b"),
        (119, "504e27376a6e0f0dba8295b85cb25dc4dfa17d23"),
        (120, "82134b02fb3f702491be9bed581eeab59334acb2"),
        (127, "34d5e582029e9b9b85b2febe31da3db7cdabaaea"),
        (128, "a09133e6730ffe899efb70204cb5646cd5dc24ee"),
        (129, "808aea332ce367541d37adae7f94e59c5c1a934e"),
        (1000, "4231a8a50a10fa9758db8ec71fdef855b751048a"),
    ]
    static let sha256: [(Int, String)] = [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (1, "084fed08b978af4d7d196a7446a86b58009e636b611db16211b65a9aadff29c5"),
        (3, "6ab0dba1f4f1dfbb37b4f9eeb092c09fca4900ad32bdcd147d8dde35d6c87c35"),
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (111, "67d9492e628fd376e0b2efec8ca2b99b123e202cf620deb270728df979b2f73e"),
        (112, "96b928cff8528dbb99602c709a65b846cb6467acb8b722f0d758e4dc27bfc508"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (127, "a8d23e75d936f303d248888d9b165ee543f4cbafcad3c9dd2a79bd84faa11d07"),
        (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
        (129, "307f8fc2c1622b92762e818d39a185d4d667ad49a4b07ceae1f4afa008a93ec4"),
        (1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"),
    ]
    static let sha384: [(Int, String)] = [
        (
            0,
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
                + "274edebfe76f65fbd51ad2f14898b95b"
        ),
        (
            1,
            "8a6c69af6fb6247635f837958446fb8f10e39bd5fbc244f7e635176339a3be61"
                + "4f6394247f01dbe1126c178c7bd48cb5"
        ),
        (
            3,
            "de5060203c58b419f136c17666d339a05705575827e3600f0475f6fb3089870a"
                + "ede26c5a0903dea5938bcded4ee9e619"
        ),
        (
            55,
            "fc2728f452750d08b5dbad1aea53202e7fc19c06894d13e36c433b0444a89927"
                + "7c49f16e0577c03db0f0605578836ef6"
        ),
        (
            56,
            "6c969a865f38d2eaac60b7963a84c97ba27bcb76e589cbe1e2e89ead6aee4ad0"
                + "337a4268f054be49c604ddd99692036d"
        ),
        (
            63,
            "be67a9a1162c1d97f183980dc811f4f4f835b8b850eb32ecbf87397b26369bc6"
                + "646a8f2234940dcff142b627c8e21ebb"
        ),
        (
            64,
            "99d26430f561864c2f7d90b68650b960c86c85d6bf7f54ceeee404bdd59663a7"
                + "f05588b5c750b862a2a24f6a9ad4c050"
        ),
        (
            65,
            "cada16d798ec25243470f7827eb89a2402d52680b092dffc0f59f5a919e5058a"
                + "ebf7ad79dba85c61b179d23534d7c855"
        ),
        (
            111,
            "341388a9dc2275074e90cf394323761919761c805fd9e370977c9966a0e8c81a"
                + "52135f02577670b0071638a4a26dbc31"
        ),
        (
            112,
            "619cc5d06138526d70659eccf602d197e63e1050e22039a7feb40a30a5b2b08f"
                + "b03729e291df12f8c576e6f1cd8af22a"
        ),
        (
            119,
            "9c284d266fc91c33a7f6ecbb0326646b3ed15cc33fd8bf968267c21991ca1a43"
                + "4dd65c64ee22c7dd6f5423950f605560"
        ),
        (
            120,
            "96faef865acb7c55ae34422444b4380e520de69f373ddb14c7ee2420c3f93cc2"
                + "20fca9952c0a4fe9dbfddf350ac40127"
        ),
        (
            127,
            "f8234ab81f5f9641c656680825a9bbb3c2616bcc80b65d5e479a4d96742e1b87"
                + "42330c9e8256ef5f03caa932487044ca"
        ),
        (
            128,
            "e8480e9c4dd90f88104a79cbaccec48edbd798a142b4f241d726dc252f150235"
                + "0e824c7d18dadd59d7d716919fb8f9bf"
        ),
        (
            129,
            "430173387764874661acba1e914e50f6d0fbac534809e859b1da4396fad3d5f2"
                + "4c25c6a2d02486d8fbda3994713d981a"
        ),
        (
            1000,
            "94c38db521ca733b8904c2d14b6e82d33dcfcc26e1318c579dbee1fc2f472019"
                + "034e792263b9d46e90e700de2f6e7e91"
        ),
    ]
    static let sha512: [(Int, String)] = [
        (
            0,
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        ),
        (
            1,
            "e45bf5817ddf94aa2f7a407071f0eedc6beb98f768b4cd33d1176d44d1563a45"
                + "a5d7212290eb7670c6786b13591aedac86478993895e8b24e612014abaa6ba04"
        ),
        (
            3,
            "8853167ab14c043919981a6409307ef68b5b726f4b80dcab259daa24b7cabcb8"
                + "b4bbfd3e2e36ed98465059661f672e6529cdcc673e7eabfa78dd3186745b112a"
        ),
        (
            55,
            "14fd424b1fcadee624da946ab03f7e1def7c0d6e00f689594319881a26ff30b8"
                + "75ba4c622ac13100c8cc784c9c2eb23159aecbb4a02e3999062f551193e2b256"
        ),
        (
            56,
            "480fa85be41ef55a41208ca28ffc8743c91cf7d24758defe6f95bfb16de614fc"
                + "86b701034896b047dd571de4318853d80e0809df162f1752cb26da6ddb94a0dd"
        ),
        (
            63,
            "ecd42a703a4e93e163d60d55e3785b1a763838b0351bc2e6f7c94b4bfb24f9aa"
                + "15da5d744ebcebe11f0fc4315d45ba3a047b6e60e07448357f2795bf34b73502"
        ),
        (
            64,
            "8f3cc30b3fb5bf963688a46488249248ac2c67f0f85a145233c6c1e3c16dcd1d"
                + "f634c07d1d31da02576f65b9cf64e1c3fdb318b689b8a14e2e9552bcf30fb133"
        ),
        (
            65,
            "22050d1b2c5bd016c4b04c3e84f513ffbbbc057f83dc9ab196fee6684e5ee19d"
                + "98b84c6538b3c5e1fc67dbc484e9d0a198254e41d0fa0cf5106991e106632419"
        ),
        (
            111,
            "68cffa6d0d76f309c9ce0d35280939f8e25990c43b7b086ccdf709be35b07d4d"
                + "dba599541ff2b1c19d34ea49aeafb9659adb7ac3c0b078bb30a22d57fc6687ef"
        ),
        (
            112,
            "d0865c524d1dddf7c23b799c413f5adcd7caefd3f66a9b49750ec81066012c25"
                + "a8bcf94ddea6dc525691673097ca40e0101e897fc97218cfdb0704084e2bef4b"
        ),
        (
            119,
            "236bdd7f38a611b5014b239245c381ae5d20a96f1e5b3178227c00056b7fa8c4"
                + "4ef54880085d82b7e20cd65f2bfda1326696c3f94a6a5bad0cb5ce289aa46167"
        ),
        (
            120,
            "4bd16fefaa35cc2df9fbb8ff379ec04a4070ffd5d4992574af239fa175534df8"
                + "7cbedceeb96be08e15090a78b83a328a2900c5411683ab47bab914591048548f"
        ),
        (
            127,
            "e0b6a20f1c0c88970a9340152cd5a1c1ecf3d3b8de5510274187943807947354"
                + "0133b812706e5dbec322c8c9523b6fc8c6d16ee626e87ad5fe3d2916afedc369"
        ),
        (
            128,
            "99b16f17aa0b969a5b8f08f367719d516e330ccd2660b6f0688ec031dbc783de"
                + "50a1cd185a2568dba75070a2403d17d4741d163578515dfd2ff756ddfe4d47b1"
        ),
        (
            129,
            "a1556e29185778aa5991e34b8884c840d589f0fbb4b8ed590e51e9ac4eb03a00"
                + "8125000db2671f8fe7f485b59a77b518670078ecb41a54b4cd02a7f1d2ca4c6d"
        ),
        (
            1000,
            "00e36fccf193e59697a92b5ab24666ce6326d7fa16bf10832d0991ddc591112e"
                + "9dfa6a636950ed9c4d67344a760654c2ff7785e1d60094d651038735b5dccabd"
        ),
    ]
}

@Suite("Hash and encoding primitives")
struct HashTests {
    @Test func md5() {
        for (count, expected) in DigestVectors.md5 {
            #expect(
                IntrinsicEvaluator.hexadecimal(MD5.digest(DigestVectors.message(count))) == expected,
                "length \(count)"
            )
        }
    }

    @Test func sha1() {
        for (count, expected) in DigestVectors.sha1 {
            #expect(
                IntrinsicEvaluator.hexadecimal(SHA1.digest(DigestVectors.message(count))) == expected,
                "length \(count)"
            )
        }
    }

    @Test func sha256() {
        for (count, expected) in DigestVectors.sha256 {
            #expect(
                IntrinsicEvaluator.hexadecimal(SHA256.digest(DigestVectors.message(count))) == expected,
                "length \(count)"
            )
        }
    }

    @Test func sha384() {
        for (count, expected) in DigestVectors.sha384 {
            #expect(
                IntrinsicEvaluator.hexadecimal(SHA2.sha384(DigestVectors.message(count))) == expected,
                "length \(count)"
            )
        }
    }

    @Test func sha512() {
        for (count, expected) in DigestVectors.sha512 {
            #expect(
                IntrinsicEvaluator.hexadecimal(SHA2.sha512(DigestVectors.message(count))) == expected,
                "length \(count)"
            )
        }
    }

    @Test func knownAnswers() {
        let fox = Array("The quick brown fox jumps over the lazy dog".utf8)
        #expect(IntrinsicEvaluator.hexadecimal(MD5.digest(fox)) == "9e107d9d372bb6826bd81d3542a419d6")
        #expect(IntrinsicEvaluator.hexadecimal(SHA1.digest(fox)) == "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12")
        #expect(
            IntrinsicEvaluator.hexadecimal(SHA256.digest(Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
    }

    /// RFC 4648 §10 test vectors.
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func base64(_ plain: String, _ encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    /// What Java's basic decoder refuses (checked against `java.util.Base64.getDecoder()`).
    @Test(arguments: ["R", "RGF0YQ=", "RGF0YQ==x", "RGF0YQ===", "=", "RG F0", "RGF0\nYQ==", "RGF0YQ-_"])
    func base64Rejects(_ encoded: String) {
        #expect(Base64.decode(encoded) == nil)
    }

    @Test func base64AcceptsMissingPadding() {
        #expect(Base64.decode("RGF0YQ") == Array("Data".utf8))
        #expect(Base64.decode("Zm9vYg") == Array("foob".utf8))
    }

    /// `new java.util.Random(seed).nextInt(bound)`, values taken from a JVM.
    @Test(arguments: [
        (Int64(42), Int64(10), Int64(0)), (3, 999, 239), (0, 1000, 360), (-7, 1 << 20, 282_194),
        (123_456_789, 1_000_000_007, 426_010_958),
    ])
    func javaRandom(_ seed: Int64, _ bound: Int64, _ expected: Int64) {
        var generator = JavaRandom(seed: seed)
        #expect(generator.nextInt(below: bound) == expected)
    }

    /// `Double.toString` outputs taken from a JVM.
    @Test(arguments: [
        (1.1, "1.1"), (2.0, "2.0"), (100.0, "100.0"), (1e7, "1.0E7"), (9_999_999.0, "9999999.0"), (1e-3, "0.001"),
        (0.001234, "0.001234"), (9.99e-4, "9.99E-4"), (1e20, "1.0E20"), (1.5e-10, "1.5E-10"),
        (123_456_789.123, "1.23456789123E8"), (-0.0, "-0.0"), (0.1 + 0.2, "0.30000000000000004"),
        (-12345.678, "-12345.678"),
        (1.7976931348623157e308, "1.7976931348623157E308"),
    ])
    func javaDouble(_ value: Double, _ expected: String) {
        #expect(IntrinsicEvaluator.javaDouble(value) == expected)
    }

    /// `Math.round` results taken from a JVM.
    @Test(arguments: [(2.5, 3), (-2.5, -2), (-0.5, 0), (0.49999999999999994, 0), (-1.49, -1), (1.5, 2), (-1.51, -2)])
    func roundHalfUp(_ value: Double, _ expected: Int) {
        #expect(IntrinsicEvaluator.roundHalfUp(value) == expected)
    }
}
